import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConnectionError, type ApiRequest, type ApiResponse, type ApiTransport } from './client';
import { ApiError, KubeApi, statusMessage } from './kube-api';

/** A transport answering from a script of responses (or connection errors), recording what it was asked. */
function scripted(script: (ApiResponse | ConnectionError)[]): ApiTransport & { calls: ApiRequest[] } {
  const calls: ApiRequest[] = [];
  return {
    server: 'https://k8s.example',
    calls,
    send(req) {
      calls.push(req);
      const next = script.shift();
      if (!next) return Promise.reject(new Error('script exhausted'));
      return next instanceof ConnectionError ? Promise.reject(next) : Promise.resolve(next);
    },
  };
}

const ok = (body: unknown): ApiResponse => ({ status: 200, headers: {}, body: JSON.stringify(body) });
const statusBody = (code: number, reason: string, message: string, headers: Record<string, string> = {}): ApiResponse => ({
  status: code,
  headers,
  body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code }),
});

function api(t: ApiTransport, sleeps: number[] = [], concurrency = 4): KubeApi {
  return new KubeApi(t, { concurrency, retries: 3, timeoutMs: 1000, sleep: async (ms) => void sleeps.push(ms) });
}

describe('KubeApi retries', () => {
  test('a 503 and a reset connection are retried with growing backoff, then the answer is returned', async () => {
    const sleeps: number[] = [];
    const t = scripted([statusBody(503, 'ServiceUnavailable', 'busy'), new ConnectionError('socket hang up', 'ECONNRESET'), ok({ kind: 'Status', ok: 1 })]);
    const a = api(t, sleeps);
    assert.deepEqual(await a.getJson('/version'), { kind: 'Status', ok: 1 });
    assert.equal(t.calls.length, 3);
    assert.equal(a.stats.retries, 2);
    assert.equal(sleeps.length, 2);
    assert.ok(sleeps[1]! > sleeps[0]!, `backoff grows: ${sleeps.join(', ')}`);
  });

  test('Retry-After is honoured (seconds)', async () => {
    const sleeps: number[] = [];
    await api(scripted([statusBody(429, 'TooManyRequests', 'slow down', { 'retry-after': '2' }), ok({})]), sleeps).getJson('/x');
    assert.deepEqual(sleeps, [2000]);
  });

  test('403 and 404 are not retried: they come back as ApiError with the Status message', async () => {
    const t = scripted([statusBody(403, 'Forbidden', 'pods is forbidden: User "u" cannot list resource "pods"')]);
    await assert.rejects(
      api(t).getJson('/api/v1/namespaces/x/pods'),
      (e: unknown) => e instanceof ApiError && e.status === 403 && e.reason === 'Forbidden' && e.message.startsWith('pods is forbidden'),
    );
    assert.equal(t.calls.length, 1);
  });

  test('retries stop after the configured number; the last failure is thrown', async () => {
    const t = scripted(Array.from({ length: 4 }, () => new ConnectionError('cannot reach', 'ECONNREFUSED')));
    await assert.rejects(api(t).getJson('/version'), ConnectionError);
    assert.equal(t.calls.length, 4);
  });

  test('an unknown host is not retried', async () => {
    const t = scripted([new ConnectionError('getaddrinfo ENOTFOUND nowhere', 'ENOTFOUND')]);
    await assert.rejects(api(t).getJson('/version'), /ENOTFOUND/);
    assert.equal(t.calls.length, 1);
  });

  test('a body that is not JSON is an ApiError naming it', async () => {
    await assert.rejects(api(scripted([{ status: 200, headers: {}, body: '<html>proxy login</html>' }])).getJson('/version'), /not JSON/);
  });
});

describe('KubeApi concurrency', () => {
  test('never more requests in flight than the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const t: ApiTransport = {
      server: 'x',
      async send() {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return ok({});
      },
    };
    const a = api(t, [], 3);
    await Promise.all(Array.from({ length: 20 }, (_, i) => a.getJson(`/p${i}`)));
    assert.equal(peak, 3);
    assert.equal(a.stats.requests, 20);
  });
});

describe('statusMessage', () => {
  test('the Status message, or the start of a non-Status body', () => {
    assert.deepEqual(statusMessage(statusBody(401, 'Unauthorized', 'Unauthorized')), { message: 'Unauthorized', reason: 'Unauthorized' });
    assert.deepEqual(statusMessage({ status: 502, headers: {}, body: 'Bad Gateway\nmore' }), { message: 'HTTP 502: Bad Gateway' });
  });
});
