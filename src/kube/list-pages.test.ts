import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiRequest, ApiResponse, ApiTransport } from './client';
import { ApiError, KubeApi } from './kube-api';
import { DEFAULT_MAX_PAGES, listAll, MAX_RESTARTS } from './list-pages';

/**
 * A collection of `total` pods served `limit` at a time, with continue tokens "<generation>:<offset>".
 * `expire(n)` makes the n-th continued request answer 410 and starts a new generation.
 */
function collection(total: number, expireAt: number[] = []): ApiTransport & { calls: ApiRequest[] } {
  const calls: ApiRequest[] = [];
  let generation = 1;
  let continued = 0;
  return {
    server: 'x',
    calls,
    async send(req): Promise<ApiResponse> {
      calls.push(req);
      const limit = Number(req.query?.['limit'] ?? total);
      let offset = 0;
      const token = req.query?.['continue'];
      if (token !== undefined) {
        continued++;
        if (expireAt.includes(continued)) {
          generation++;
          return {
            status: 410,
            headers: {},
            body: JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Expired', message: 'The provided continue parameter is too old', code: 410 }),
          };
        }
        offset = Number(token.split(':')[1]);
      }
      const end = Math.min(total, offset + limit);
      const items = Array.from({ length: end - offset }, (_, i) => ({ metadata: { name: `p${offset + i}`, generation } }));
      const metadata = end < total ? { continue: `${generation}:${end}` } : {};
      return { status: 200, headers: {}, body: JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata, items }) };
    },
  };
}

const api = (t: ApiTransport) => new KubeApi(t, { concurrency: 2, retries: 0, timeoutMs: 1000 });

describe('listAll', () => {
  test("follows continue tokens with the limit, and restores each item's kind and apiVersion", async () => {
    const t = collection(5);
    const pages: number[] = [];
    const r = await listAll(api(t), '/api/v1/namespaces/x/pods', { limit: 2 }, (n) => pages.push(n));
    assert.deepEqual(
      r.items.map((o) => o.metadata?.name),
      ['p0', 'p1', 'p2', 'p3', 'p4'],
    );
    assert.ok(r.items.every((o) => o.kind === 'Pod' && o.apiVersion === 'v1'));
    assert.deepEqual(pages, [2, 2, 1]);
    assert.deepEqual(
      t.calls.map((c) => c.query),
      [{ limit: '2' }, { limit: '2', continue: '1:2' }, { limit: '2', continue: '1:4' }],
    );
    assert.equal(r.restarts, 0);
  });

  test('an expired continue token restarts the list from scratch, keeping no item of the old snapshot', async () => {
    const t = collection(5, [2]);
    const r = await listAll(api(t), '/p', { limit: 2 });
    assert.equal(r.restarts, 1);
    assert.deepEqual(
      r.items.map((o) => o.metadata?.name),
      ['p0', 'p1', 'p2', 'p3', 'p4'],
    );
    assert.ok(
      r.items.every((o) => o.metadata?.['generation'] === 2),
      'every item comes from the new list',
    );
    assert.equal(t.calls.filter((c) => c.query?.['continue'] === undefined).length, 2, 'the list was started twice');
  });

  test('a list that keeps expiring fails after a bounded number of restarts', async () => {
    const t = collection(5, [1, 2, 3, 4, 5, 6]);
    await assert.rejects(listAll(api(t), '/p', { limit: 2 }), (e: unknown) => e instanceof ApiError && e.status === 410 && /kept expiring/.test(e.message));
    assert.equal(t.calls.filter((c) => c.query?.['continue'] === undefined).length, MAX_RESTARTS + 1);
  });

  test('an error status is thrown as ApiError; an answer that is not a list is refused', async () => {
    const forbidden: ApiTransport = {
      server: 'x',
      send: async () => ({ status: 403, headers: {}, body: JSON.stringify({ kind: 'Status', message: 'pods is forbidden', reason: 'Forbidden', code: 403 }) }),
    };
    await assert.rejects(
      listAll(api(forbidden), '/p', { limit: 2 }),
      (e: unknown) => e instanceof ApiError && e.status === 403 && e.message === 'pods is forbidden',
    );
    const notList: ApiTransport = { server: 'x', send: async () => ({ status: 200, headers: {}, body: '{"kind":"Pod"}' }) };
    await assert.rejects(listAll(api(notList), '/p', { limit: 2 }), /not a list/);
  });

  test('a continue token the server already gave in this list is an error, not an endless loop', { timeout: 10_000 }, async () => {
    let n = 0;
    // Hands out tokens a, b, a, b, … for ever, each page with one item.
    const cycling: ApiTransport = {
      server: 'x',
      send: async () => ({
        status: 200,
        headers: {},
        body: JSON.stringify({
          kind: 'PodList',
          apiVersion: 'v1',
          metadata: { continue: n++ % 2 === 0 ? 'a' : 'b' },
          items: [{ metadata: { name: `p${n}` } }],
        }),
      }),
    };
    await assert.rejects(
      listAll(api(cycling), '/api/v1/namespaces/x/pods', { limit: 1 }),
      (e: unknown) => e instanceof ApiError && /repeated a continue token while listing \/api\/v1\/namespaces\/x\/pods \(after 3 pages\)/.test(e.message),
    );
    assert.equal(n, 3);
  });

  test('a server that invents new continue tokens for ever stops at the page cap, which the caller can raise', { timeout: 10_000 }, async () => {
    let n = 0;
    const endless: ApiTransport = {
      server: 'x',
      send: async () => ({
        status: 200,
        headers: {},
        body: JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { continue: `t${++n}` }, items: [] }),
      }),
    };
    await assert.rejects(
      listAll(api(endless), '/p', { limit: 1, maxPages: 50 }),
      (e: unknown) => e instanceof ApiError && /more than 50 pages of 1 \(--max-pages\)/.test(e.message),
    );
    assert.equal(n, 50);
    n = 0;
    await assert.rejects(listAll(api(endless), '/p', { limit: 1 }), /--max-pages/);
    assert.equal(n, DEFAULT_MAX_PAGES);
    // A real list longer than a small cap passes once the cap is raised.
    const r = await listAll(api(collection(30)), '/p', { limit: 2, maxPages: 15 });
    assert.equal(r.items.length, 30);
    await assert.rejects(listAll(api(collection(30)), '/p', { limit: 2, maxPages: 14 }), /more than 14 pages/);
  });
});
