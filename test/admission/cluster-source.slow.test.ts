// The cluster view through @kubernetes/client-node against a small stand-in for the Kubernetes
// API (there is no cluster here): the namespace informer lists, then follows a watch; a
// namespace not yet in the cache is read live; pods are listed live within a deadline. Then the
// webhook itself runs on it (--kubeconfig) and warns about pods when enforce tightens. HTTPS with
// a test CA, as client-node refuses plain HTTP.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectCluster, type ClusterSource } from '../../src/admission/cluster/cluster-source';
import { SILENT } from '../../src/admission/server/logger';
import type { KubeObject } from '../../src/k8s/types';
import { BASELINE_POD_REASONS, baselinePod, LABEL, namespaceObject, namespaceUpdate } from './fixtures';
import { admit, makeCertDir, startTestWebhook, type CertDir } from './support';
import { tempDir } from '../support/temp-dir';

/** Just enough of the API: list and watch namespaces, get one, list pods in one. */
class FakeApi {
  readonly listed = new Map<string, KubeObject>();
  /** Namespaces that exist but were created after the list (only a GET finds them). */
  readonly late = new Map<string, KubeObject>();
  readonly pods = new Map<string, KubeObject[]>();
  podDelayMs = 0;
  /** The next this-many lists of namespaces answer HTTP 500. */
  listFailures = 0;
  private watchers: http.ServerResponse[] = [];
  /** Open watch connections (the informer lists, then watches: an event before its watch is lost). */
  get watching(): number {
    return this.watchers.length;
  }
  private version = 100;
  private server: https.Server;
  port = 0;

  constructor(readonly certs: CertDir) {
    this.server = https.createServer({ cert: fs.readFileSync(certs.certFile), key: fs.readFileSync(certs.keyFile) }, (req, res) => this.handle(req, res));
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const w of this.watchers) w.end();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  modify(ns: KubeObject): void {
    this.listed.set(ns.metadata!.name!, ns);
    const event = JSON.stringify({ type: 'MODIFIED', object: { ...ns, metadata: { ...ns.metadata, resourceVersion: String(++this.version) } } });
    for (const w of this.watchers) w.write(`${event}\n`);
  }

  private send(res: http.ServerResponse, code: number, body: unknown): void {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url!, 'http://x');
    if (req.headers.authorization !== 'Bearer test-token')
      return this.send(res, 401, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 });
    const parts = url.pathname.split('/').filter(Boolean); // api v1 namespaces [name] [pods]
    if (parts.length === 3 && parts[2] === 'namespaces') {
      if (url.searchParams.get('watch') === 'true') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
        res.flushHeaders(); // a watch answers at once and streams events later
        this.watchers.push(res);
        return;
      }
      if (this.listFailures > 0) {
        this.listFailures--;
        return this.send(res, 500, {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          message: 'etcdserver: request timed out',
          reason: 'InternalError',
          code: 500,
        });
      }
      const items = [...this.listed.values()].map((n) => ({ ...n, kind: undefined, apiVersion: undefined }));
      return this.send(res, 200, { kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: String(this.version) }, items });
    }
    if (parts.length === 4 && parts[2] === 'namespaces') {
      const ns = this.listed.get(parts[3]!) ?? this.late.get(parts[3]!);
      if (ns) return this.send(res, 200, ns);
      return this.send(res, 404, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `namespaces "${parts[3]}" not found`,
        reason: 'NotFound',
        details: { name: parts[3], kind: 'namespaces' },
        code: 404,
      });
    }
    if (parts.length === 5 && parts[4] === 'pods') {
      const reply = () =>
        this.send(res, 200, {
          kind: 'PodList',
          apiVersion: 'v1',
          metadata: { resourceVersion: String(this.version) },
          items: (this.pods.get(parts[3]!) ?? []).map((p) => ({ ...p, kind: undefined, apiVersion: undefined })),
        });
      if (this.podDelayMs > 0) setTimeout(reply, this.podDelayMs);
      else reply();
      return;
    }
    this.send(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
  }
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const api = new FakeApi(makeCertDir('podguard-fake-api-'));
let kubeconfig: string;
let source: ClusterSource;

before(async () => {
  await api.start();
  api.listed.set('team-a', namespaceObject('team-a', { [LABEL.enforce]: 'baseline' }));
  api.late.set('fresh', namespaceObject('fresh', { [LABEL.enforce]: 'restricted' }));
  api.pods.set('team-a', [baselinePod('web-1', 'team-a'), baselinePod('web-2', 'team-a')]);
  const dir = tempDir('podguard-cluster-');
  kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster:
    server: https://127.0.0.1:${api.port}
    certificate-authority-data: ${Buffer.from(api.certs.ca.cert).toString('base64')}
users:
- name: tester
  user:
    token: test-token
contexts:
- name: fake
  context: {cluster: fake, user: tester}
current-context: fake
`,
  );
  source = await connectCluster({ kubeconfig, logger: SILENT, restartDelayMs: 100 });
});

after(async () => {
  await source.stop();
  await api.stop();
});

describe('cluster source through client-node', () => {
  test('the informer syncs, then follows label changes from the watch', async () => {
    await waitFor('the informer to sync', () => source.ready());
    assert.equal((await source.namespace('team-a')).labels[LABEL.enforce], 'baseline');
    await waitFor('the watch to open', () => api.watching > 0);
    api.modify(namespaceObject('team-a', { [LABEL.enforce]: 'restricted' }));
    await waitFor('the watch event', async () => (await source.namespace('team-a')).labels[LABEL.enforce] === 'restricted');
  });

  test('not ready while the list of namespaces fails (HTTP 500); ready once a list succeeds', async () => {
    api.listFailures = 1_000_000;
    const failing = await connectCluster({ kubeconfig, logger: SILENT, restartDelayMs: 50 });
    try {
      await new Promise((r) => setTimeout(r, 600)); // several failed lists and restarts
      assert.equal(failing.ready(), false, 'a view that never loaded is not ready');
      api.listFailures = 0;
      await waitFor('the informer to sync after the API recovers', () => failing.ready());
      assert.equal((await failing.namespace('team-a')).labels[LABEL.enforce] !== undefined, true);
    } finally {
      api.listFailures = 0;
      await failing.stop();
    }
  });

  test('a namespace not in the cache is read live; one that does not exist is an error', async () => {
    assert.equal((await source.namespace('fresh')).labels[LABEL.enforce], 'restricted');
    await assert.rejects(Promise.resolve(source.namespace('nowhere')), /404|not found/i);
  });

  test('pods are listed live, within the deadline', async () => {
    const pods = await source.pods('team-a', Date.now() + 2000);
    assert.deepEqual(
      pods.map((p) => p.metadata?.name),
      ['web-1', 'web-2'],
    );
    api.podDelayMs = 1000;
    await assert.rejects(source.pods('team-a', Date.now() + 200), /no response from .* within 0\.(?:19\d|2)s/);
    api.podDelayMs = 0;
  });

  test('the webhook on --kubeconfig warns about existing pods when enforce tightens', async () => {
    const certs = makeCertDir();
    const hook = await startTestWebhook(certs, { cluster: { kind: 'cluster', kubeconfig } });
    try {
      await waitFor('readiness', async () => hook.server !== undefined && (await fetchReady(hook.address.port, certs.ca.cert)));
      const r = await admit(hook.address.port, certs.ca.cert, namespaceUpdate('team-a', { [LABEL.enforce]: 'restricted' }, { [LABEL.enforce]: 'baseline' }));
      assert.deepEqual(r.response.warnings, [
        'existing pods in namespace "team-a" violate the new PodSecurity enforce level "restricted:latest"',
        `web-1 (and 1 other pod): ${BASELINE_POD_REASONS}`,
      ]);
    } finally {
      await hook.shutdown(0, 1000);
    }
  });
});

async function fetchReady(port: number, ca: string): Promise<boolean> {
  const { request } = await import('./support');
  return (await request(port, ca, '/readyz')).status === 200;
}
