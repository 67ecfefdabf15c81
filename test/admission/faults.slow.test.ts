// Faults the webhook must survive with a clear answer and without crashing: bodies over the
// limit (declared or streamed), malformed JSON, wrong AdmissionReview versions and kinds, the
// wrong media type or method, unknown paths and kinds, slow clients, the `timeout` query
// parameter, and a decision that throws (fail closed for pods, open for the rest).

import assert from 'node:assert/strict';
import https from 'node:https';
import tls from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { loadCertificatePair } from '../../src/admission/server/certificate-files';
import type { ClusterView } from '../../src/admission/cluster/cluster-view';
import { decide } from '../../src/admission/decision/decide';
import { failureVerdict } from '../../src/admission/server/failure-policy';
import { SILENT } from '../../src/admission/server/logger';
import { AdmissionMetrics } from '../../src/admission/server/metrics';
import { WebhookServer } from '../../src/admission/server/server';
import { baselinePod, LABEL, namespaceObject, namespaceUpdate, podCreate, review, workload, workloadCreate } from './fixtures';
import { admit, makeCertDir, request, settings, type CertDir } from './support';

let certs: CertDir;
let ca: string;
let port: number;
let server: WebhookServer;
const metrics = new AdmissionMetrics(false);
let slowPods = 0;

/** A cluster whose pod list takes `slowPods` ms, so the request deadline decides. */
const cluster: ClusterView = {
  namespace: (name) => ({
    name,
    labels: name === 'shop' ? { [LABEL.enforce]: 'baseline' } : ({ [LABEL.enforce]: 'restricted', [LABEL.warn]: 'restricted' } as Record<string, string>),
  }),
  pods: (_ns, deadline) =>
    new Promise((resolve, reject) => {
      // Decided up front: a timer may fire a millisecond before Date.now() reaches the deadline.
      const allowed = Math.max(0, deadline - Date.now());
      if (slowPods > allowed) setTimeout(() => reject(new Error('deadline')), allowed);
      else setTimeout(() => resolve([baselinePod('web', 'shop')]), slowPods);
    }),
  ready: () => true,
};

before(async () => {
  certs = makeCertDir();
  ca = certs.ca.cert;
  const ctx = { settings: settings(), cluster };
  server = new WebhookServer({
    host: '127.0.0.1',
    port: 0,
    certificate: loadCertificatePair(certs.certFile, certs.keyFile),
    validate: (req, deadline) => {
      if (req.name === 'explode') throw new Error('simulated bug');
      return decide(req, { ...ctx, now: Date.now, ...(deadline !== undefined ? { deadline } : {}) });
    },
    mutate: () => Promise.reject(new Error('simulated mutation bug')),
    onFailure: failureVerdict,
    metrics,
    logger: SILENT,
    ready: () => true,
    maxBodyBytes: 64 * 1024,
    bodyTimeoutMs: 5000,
    headersTimeoutMs: 1000,
  });
  port = (await server.listen()).port;
});

after(async () => {
  await server.shutdown(1000);
});

const post = (body: string, path = '/validate', headers: Record<string, string | number> = {}) => request(port, ca, path, body, { headers, agent: false });

describe('bad requests get clear HTTP answers', () => {
  test('a body declared over the limit is refused at once with 413', async () => {
    const r = await request(port, ca, '/validate', undefined, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': 10 * 1024 * 1024 },
      agent: false,
    }).catch((e: Error) => e);
    assert.ok(!(r instanceof Error), String(r));
    assert.equal(r.status, 413);
    assert.equal(r.json()['message'], 'the request body is larger than the 65536 byte limit');
  });

  test('a streamed (chunked) body is cut off at the limit with 413, and the server goes on serving', async () => {
    const r = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          path: '/validate',
          method: 'POST',
          ca,
          servername: 'localhost',
          agent: false,
          headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(16 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 20 && req.write(chunk)) sent++;
        if (sent < 20) req.once('drain', pump);
        else req.end();
      };
      pump();
    });
    assert.equal(r.status, 413);
    assert.equal((await admit(port, ca, podCreate(baselinePod('after')))).response.allowed, false);
  });

  test('malformed JSON: 400 naming the parse error', async () => {
    const r = await post('{"apiVersion": "admission.k8s.io/v1", "kind": ');
    assert.equal(r.status, 400);
    assert.match(r.json()['message'] as string, /^the body is not valid JSON: /);
    assert.equal(r.json()['kind'], 'Status');
  });

  test('wrong apiVersion, wrong kind, no request, no uid: 400 saying what to fix', async () => {
    const v1beta1 = {
      ...review({ operation: 'CREATE', kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' }, object: {} }),
      apiVersion: 'admission.k8s.io/v1beta1',
    };
    const cases: [unknown, RegExp][] = [
      [v1beta1, /^unsupported AdmissionReview version "admission\.k8s\.io\/v1beta1": podguard speaks admission\.k8s\.io\/v1/],
      [{ apiVersion: 'admission.k8s.io/v1', kind: 'TokenReview' }, /^unexpected kind "TokenReview": expected an AdmissionReview$/],
      [{ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, /^the AdmissionReview has no request$/],
      [{ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { kind: {} } }, /^the AdmissionReview request has no uid$/],
      [[1, 2], /^the body is not a JSON object/],
    ];
    for (const [body, message] of cases) {
      const r = await post(JSON.stringify(body));
      assert.equal(r.status, 400, String(message));
      assert.match(r.json()['message'] as string, message);
    }
  });

  test('the wrong media type is 415; the wrong method 405 with Allow; an unknown path 404', async () => {
    const text = await request(port, ca, '/validate', '{}', { headers: { 'Content-Type': 'text/plain' }, agent: false });
    assert.equal(text.status, 415);
    const get = await request(port, ca, '/validate', undefined, { agent: false });
    assert.equal(get.status, 405);
    assert.equal(get.headers['allow'], 'POST');
    assert.equal((await request(port, ca, '/', undefined, { agent: false })).status, 404);
    assert.equal((await request(port, ca, '/metrics', '{}', { agent: false })).status, 405);
  });

  test('an object of a kind podguard does not know is allowed, with the reason in the audit annotation', async () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'team-a' }, spec: {} };
    const r = await admit(
      port,
      ca,
      review({
        operation: 'CREATE',
        kind: { group: 'example.com', version: 'v1', kind: 'Widget' },
        resource: { group: 'example.com', version: 'v1', resource: 'widgets' },
        name: 'w',
        namespace: 'team-a',
        object: widget,
      }),
    );
    assert.deepEqual(r.response.auditAnnotations, { error: 'failed to extract pod template: unexpected object type: example.com/v1, Kind=Widget' });
    assert.equal(r.response.allowed, true);
  });

  test('the rejections are counted by reason', async () => {
    const text = (await request(port, ca, '/metrics', undefined, { agent: false })).text;
    for (const reason of ['too_large', 'bad_json', 'bad_review', 'unsupported_media_type', 'method_not_allowed', 'not_found']) {
      assert.match(text, new RegExp(`^podguard_http_requests_rejected_total\\{reason="${reason}"\\} [1-9]`, 'm'), reason);
    }
  });
});

describe('slow clients and deadlines', () => {
  test('a client that stops sending its body gets 408 after the timeout it asked for; others are served meanwhile', async () => {
    const started = Date.now();
    const stalled = new Promise<{ status: number; ms: number }>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          path: '/validate?timeout=1s',
          method: 'POST',
          ca,
          servername: 'localhost',
          agent: false,
          headers: { 'Content-Type': 'application/json', 'Content-Length': 5000 },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, ms: Date.now() - started }));
        },
      );
      req.on('error', reject);
      req.write('{"apiVersion":"admission.k8s.io/v1",'); // and nothing more
    });
    const meanwhile = await admit(port, ca, podCreate(baselinePod('quick')));
    const servedAfter = Date.now() - started;
    assert.equal(meanwhile.response.allowed, false);
    const r = await stalled;
    assert.equal(r.status, 408);
    assert.ok(servedAfter < r.ms, `the stalled client held up another one (${servedAfter} ms, stalled answered at ${r.ms} ms)`);
    assert.ok(r.ms >= 950 && r.ms < 4000, `answered after ${r.ms} ms`);
  });

  test('a client that never finishes its headers is disconnected after the headers timeout', async () => {
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => socket.write('POST /validate HTTP/1.1\r\nHost: x\r\n'));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', reject);
    });
    assert.ok(closedAfter >= 900 && closedAfter < 4000, `closed after ${closedAfter} ms`);
  });

  test('the timeout query parameter bounds the namespace check: the pod list gets half of it', async () => {
    slowPods = 5000;
    const started = Date.now();
    const r = await admit(port, ca, namespaceUpdate('shop', { [LABEL.enforce]: 'restricted' }, { [LABEL.enforce]: 'baseline' }), '/validate?timeout=600ms');
    const ms = Date.now() - started;
    slowPods = 0;
    assert.deepEqual(r.response.warnings, ['failed to list pods while checking new PodSecurity enforce level']);
    assert.ok(ms < 2500, `answered in ${ms} ms, not bounded by the 600 ms timeout (the list takes 5 s)`);
    const fast = await admit(port, ca, namespaceUpdate('shop', { [LABEL.enforce]: 'restricted' }, { [LABEL.enforce]: 'baseline' }), '/validate?timeout=bogus');
    assert.match(fast.response.warnings![1]!, /^web: allowPrivilegeEscalation != false/);
  });
});

describe('when deciding fails', () => {
  test('pods fail closed with an internal error; workloads fail open; /mutate leaves the pod unchanged', async () => {
    const p = await admit(port, ca, podCreate(baselinePod('explode')));
    assert.equal(p.response.allowed, false);
    assert.equal(p.response.status!.code, 500);
    assert.equal(p.response.status!.message, 'Internal error occurred: podguard could not evaluate the pod: simulated bug');
    const w = await admit(port, ca, workloadCreate(workload('Deployment', 'explode', baselinePod('explode'))));
    assert.deepEqual(w.response, {
      uid: w.response.uid,
      allowed: true,
      auditAnnotations: { error: 'podguard evaluation failed; allowed (fail open): simulated bug' },
    });
    const m = await admit(port, ca, podCreate(baselinePod('web')), '/mutate');
    assert.deepEqual(m.response, {
      uid: m.response.uid,
      allowed: true,
      auditAnnotations: { error: 'podguard mutation failed; the object was left unchanged: simulated mutation bug' },
    });
    const text = (await request(port, ca, '/metrics', undefined, { agent: false })).text;
    assert.match(text, /^pod_security_errors_total\{fatal="true",request_operation="create",resource="pod",subresource=""\} [1-9]/m);
  });

  test('namespace objects are unaffected by a bad namespace elsewhere', async () => {
    const r = await admit(
      port,
      ca,
      review({
        operation: 'CREATE',
        kind: { group: '', version: 'v1', kind: 'Namespace' },
        resource: { group: '', version: 'v1', resource: 'namespaces' },
        name: 'x',
        object: namespaceObject('x', { [LABEL.enforce]: 'restricted' }),
      }),
    );
    assert.equal(r.response.allowed, true);
  });
});
