// The webhook over real HTTPS on 127.0.0.1: AdmissionReviews shaped as kube-apiserver sends them
// (create, update, dry-run, subresources, workload kinds, namespace updates), /mutate, the
// health endpoints and the Prometheus metrics that count what happened.

import assert from 'node:assert/strict';
import https from 'node:https';
import { after, before, describe, test } from 'node:test';
import type { RunningWebhook } from '../../src/admission/server/start';
import {
  baselinePod,
  BASELINE_POD_REASONS,
  LABEL,
  namespaceObject,
  namespaceUpdate,
  pod,
  podCreate,
  podUpdate,
  privilegedPod,
  restrictedPod,
  workload,
  WORKLOAD_KINDS,
  workloadCreate,
} from './fixtures';
import { admit, makeCertDir, request, settings, startTestWebhook, writeClusterFile, type CertDir } from './support';

let certs: CertDir;
let hook: RunningWebhook;
let port: number;
let ca: string;
const agent = new https.Agent({ keepAlive: true, maxSockets: 4 });

before(async () => {
  certs = makeCertDir();
  ca = certs.ca.cert;
  const file = writeClusterFile(certs.dir, [
    namespaceObject('team-a', { [LABEL.enforce]: 'restricted', [LABEL.warn]: 'restricted', [LABEL.audit]: 'restricted' }),
    namespaceObject('legacy', { [LABEL.enforce]: 'baseline', [LABEL.warn]: 'restricted', [LABEL.warnVersion]: 'v1.99' }),
    namespaceObject('mutating', { [LABEL.enforce]: 'restricted', 'podguard.dev/mutate': 'true' }),
    namespaceObject('shop', { [LABEL.enforce]: 'baseline' }),
    baselinePod('web-1', 'shop', { ownerUid: 'rs-web' }),
    baselinePod('web-2', 'shop', { ownerUid: 'rs-web' }),
    privilegedPod('agent', 'shop'),
  ]);
  hook = await startTestWebhook(certs, { cluster: { kind: 'file', file }, settings: settings({ denyWorkloads: false }) });
  port = hook.address.port;
});

after(async () => {
  agent.destroy();
  await hook.shutdown(0, 2000);
});

describe('AdmissionReview over HTTPS', () => {
  test("a pod create: the response echoes the uid and carries PSA's denial", async () => {
    const body = podCreate(baselinePod('web'), { uid: 'a1b2c3d4-0000-4000-8000-000000000001' });
    const reply = await request(port, ca, '/validate?timeout=10s', JSON.stringify(body), { agent });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/json');
    const review = reply.json<{ apiVersion: string; kind: string; response: Record<string, unknown> }>();
    assert.equal(review.apiVersion, 'admission.k8s.io/v1');
    assert.equal(review.kind, 'AdmissionReview');
    assert.equal(review.response['uid'], 'a1b2c3d4-0000-4000-8000-000000000001');
    assert.equal(review.response['allowed'], false);
    assert.match(
      (review.response['status'] as { message: string }).message,
      /^pods "web" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false/,
    );
    assert.equal((review.response['status'] as { code: number }).code, 403);
  });

  test('allowed pods, dry-run included; warnings for a stricter warn level beyond the newest version', async () => {
    const ok = await admit(port, ca, podCreate(restrictedPod('web')), undefined, agent);
    assert.deepEqual(ok.response.auditAnnotations, { 'enforce-policy': 'restricted:latest' });
    assert.equal(ok.response.allowed, true);
    const dry = await admit(port, ca, podCreate(baselinePod('web', 'legacy'), { dryRun: true }), undefined, agent);
    assert.equal(dry.response.allowed, true);
    assert.match(dry.response.warnings![0]!, /^would violate PodSecurity "restricted:v1\.99": allowPrivilegeEscalation != false/);
  });

  test('updates: insignificant ones pass unevaluated, ephemeral containers are judged', async () => {
    const running = restrictedPod('web');
    const relabeled = structuredClone(running);
    (relabeled.metadata as Record<string, unknown>)['labels'] = { app: 'web', release: 'canary' };
    const r = await admit(port, ca, podUpdate(relabeled, running), undefined, agent);
    assert.deepEqual(r.response, { uid: r.response.uid, allowed: true });
    const debugged = restrictedPod('web', 'team-a', { ephemeralContainers: [{ name: 'debugger', securityContext: { privileged: true } }] });
    const d = await admit(port, ca, podUpdate(debugged, running, { subResource: 'ephemeralcontainers' }), undefined, agent);
    assert.equal(d.response.allowed, false);
    assert.match(d.response.status!.message, /privileged \(container "debugger" must not set securityContext\.privileged=true\)/);
  });

  test('workload kinds get warnings and audit annotations, never a denial from the standard', async () => {
    for (const kind of WORKLOAD_KINDS) {
      const r = await admit(port, ca, workloadCreate(workload(kind, 'web', privilegedPod('web'))), undefined, agent);
      assert.equal(r.response.allowed, true, kind);
      assert.match(r.response.warnings![0]!, /^would violate PodSecurity "restricted:latest": privileged \(container "app"/, kind);
      assert.match(r.response.auditAnnotations!['audit-violations']!, /^would violate PodSecurity "restricted:latest": privileged/, kind);
    }
  });

  test("tightening a namespace's enforce label lists the existing pods that would fail", async () => {
    const r = await admit(port, ca, namespaceUpdate('shop', { [LABEL.enforce]: 'restricted' }, { [LABEL.enforce]: 'baseline' }), undefined, agent);
    assert.equal(r.response.allowed, true);
    assert.deepEqual(r.response.warnings, [
      'existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest"',
      `agent: privileged, ${BASELINE_POD_REASONS}`,
      `web-1 (and 1 other pod): ${BASELINE_POD_REASONS}`,
    ]);
  });

  test('/mutate answers with a base64 JSON Patch in namespaces that opted in', async () => {
    const p = pod({ name: 'web', namespace: 'mutating', containers: [{ securityContext: { capabilities: { drop: ['ALL'] }, runAsNonRoot: true } }] });
    const r = await admit(port, ca, podCreate(p), '/mutate?timeout=10s', agent);
    assert.equal(r.response.patchType, 'JSONPatch');
    const ops = JSON.parse(Buffer.from(r.response.patch!, 'base64').toString()) as { path: string }[];
    assert.deepEqual(
      ops.map((o) => o.path),
      ['/spec/containers/0/securityContext/allowPrivilegeEscalation', '/spec/securityContext/seccompProfile', '/metadata/annotations'],
    );
    assert.equal(r.response.warnings!.length, 2);
    const untouched = await admit(port, ca, podCreate(baselinePod('web')), '/mutate', agent);
    assert.deepEqual(untouched.response, { uid: untouched.response.uid, allowed: true });
  });
});

describe('health and metrics', () => {
  test('/healthz and /readyz answer ok', async () => {
    assert.deepEqual([(await request(port, ca, '/healthz')).status, (await request(port, ca, '/healthz')).text], [200, 'ok\n']);
    assert.equal((await request(port, ca, '/readyz')).status, 200);
  });

  test("/metrics counts evaluations with PSA's metric names and labels, and podguard's own", async () => {
    await admit(port, ca, podCreate(baselinePod('counted', 'legacy')), undefined, agent);
    const text = (await request(port, ca, '/metrics')).text;
    assert.match(
      text,
      /^pod_security_evaluations_total\{decision="deny",policy_level="restricted",policy_version="latest",mode="enforce",request_operation="create",resource="pod",subresource=""\} [1-9]\d*$/m,
    );
    assert.match(
      text,
      /^pod_security_evaluations_total\{decision="allow",policy_level="baseline",policy_version="latest",mode="enforce",request_operation="create",resource="pod",subresource=""\} [1-9]\d*$/m,
    );
    assert.match(
      text,
      /^pod_security_evaluations_total\{decision="deny",policy_level="restricted",policy_version="future",mode="warn",request_operation="create",resource="pod",subresource=""\} [1-9]\d*$/m,
    );
    assert.match(
      text,
      /^pod_security_evaluations_total\{decision="deny",policy_level="restricted",policy_version="latest",mode="warn",request_operation="create",resource="controller",subresource=""\} [1-9]\d*$/m,
    );
    assert.match(text, /^podguard_admission_requests_total\{webhook="validate",outcome="denied"\} [1-9]\d*$/m);
    assert.match(text, /^podguard_admission_request_duration_seconds_bucket\{le="0\.005",webhook="validate"\} [1-9]\d*$/m);
    assert.match(text, /^podguard_mutations_total\{fix="seccompProfile_restricted"\} 1$/m);
    assert.match(text, /^podguard_tls_certificate_expiry_timestamp_seconds \d{10}/m);
  });
});
