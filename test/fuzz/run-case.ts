// What the fuzz test runs on each hostile input, inside a worker thread (hostile.slow.test.ts
// watches the clock from outside and terminates the worker when a case overruns): `scan`
// (parse and evaluate every object), `decide` (each pod-bearing object as an AdmissionReview),
// and `fix --unsafe`. Each must return; user-input errors are values, never exceptions.

import { parentPort } from 'node:worker_threads';
import { decide } from '../../src/admission/decision/decide';
import { UPSTREAM_NAMESPACE_LIMITS } from '../../src/admission/decision/namespace-pods';
import { DEFAULT_POD_SECURITY_CONFIG } from '../../src/psa/pod-security-configuration';
import { requestOf, ReviewError } from '../../src/admission/decision/review';
import type { WebhookSettings } from '../../src/admission/decision/settings';
import { StaticClusterView } from '../../src/admission/cluster/cluster-view';
import { loadSettings } from '../../src/config/load';
import { evaluateObject } from '../../src/engine/evaluate';
import { fixSource } from '../../src/fix/engine/fix-source';
import { parseDocuments } from '../../src/sources/parse-documents';

const loaded = loadSettings({ cwd: __dirname, preset: 'strict' });
const webhook: WebhookSettings = {
  podSecurity: DEFAULT_POD_SECURITY_CONFIG,
  denyWorkloads: true,
  mutate: true,
  namespaceLimits: UPSTREAM_NAMESPACE_LIMITS,
  policies: { denyAt: 'high', warnAt: 'low', settingsFor: (ns) => loaded.settingsFor(ns) },
};
const cluster = new StaticClusterView([
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fuzz', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
]);

const RESOURCES: Record<string, { group: string; version: string; resource: string }> = {
  Pod: { group: '', version: 'v1', resource: 'pods' },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs' },
};

/** Lines of what happened, so a failure shows how far a case got. */
export async function runCase(text: string): Promise<string> {
  const parsed = parseDocuments(text, 'fuzz.yaml');
  let evaluated = 0;
  for (const src of parsed.objects) if (evaluateObject(src.object, loaded.settingsFor(undefined))) evaluated++;
  let decided = 0;
  for (const src of parsed.objects.slice(0, 20)) {
    const r = RESOURCES[String(src.object.kind)];
    if (!r) continue;
    let request;
    try {
      request = requestOf({
        kind: 'AdmissionReview',
        apiVersion: 'admission.k8s.io/v1',
        request: {
          uid: 'fuzz',
          kind: { group: r.group, version: r.version, kind: src.object.kind },
          resource: r,
          operation: 'CREATE',
          namespace: 'fuzz',
          name: 'x',
          userInfo: { username: 'fuzzer' },
          object: src.object,
        },
      });
    } catch (e) {
      if (e instanceof ReviewError) continue;
      throw e;
    }
    const deadline = Date.now() + 10_000;
    await decide(request, { settings: webhook, cluster, now: Date.now, deadline });
    decided++;
  }
  const fixed = fixSource(text, 'fuzz.yaml', loaded, { unsafe: true });
  return `objects ${parsed.objects.length}, errors ${parsed.errors.length}, evaluated ${evaluated}, decided ${decided}, fix errors ${fixed.errors.length}`;
}

// Driven by messages when loaded as a worker: { index, text } in, { index, ok, info | error } out.
parentPort?.on('message', (m: { index: number; text: string }) => {
  runCase(m.text).then(
    (info) => parentPort!.postMessage({ index: m.index, ok: true, info }),
    (e: unknown) => parentPort!.postMessage({ index: m.index, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
