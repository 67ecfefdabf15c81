// The CPU per request of each stage of podguard's /validate path, measured in-process on the
// bench's corpus with the pieces `podguard serve` wires together (default settings, a logger at
// info that writes nowhere): parse (JSON.parse and the envelope check), decide, response
// (JSON.stringify of the AdmissionReview), metrics and logging. What is left of the server's
// measured CPU per request is the transport (TLS, HTTP) and the event loop, which the minimal
// webhook pays too.

import os from 'node:os';
import { loadWebhookConfig } from '../../src/admission/config/load-config';
import { StaticClusterView } from '../../src/admission/cluster/cluster-view';
import { decide, type Decision } from '../../src/admission/decision/decide';
import { UPSTREAM_NAMESPACE_LIMITS } from '../../src/admission/decision/namespace-pods';
import { requestOf, reviewResponse, type AdmissionRequest } from '../../src/admission/decision/review';
import type { WebhookSettings } from '../../src/admission/decision/settings';
import { createLogger } from '../../src/admission/server/logger';
import { AdmissionMetrics } from '../../src/admission/server/metrics';
import type { KubeObject } from '../../src/k8s/types';

export type Stage = 'parse' | 'decide' | 'response' | 'metrics' | 'logging';

/** µs per request of each stage, averaged over `rounds` passes through the corpus (after as many to warm up). */
export async function stageMicros(bodies: readonly string[], namespaces: readonly unknown[], rounds = 20_000 / bodies.length): Promise<Record<Stage, number>> {
  const config = loadWebhookConfig({ files: [], cwd: os.tmpdir() });
  if (config.errors.length > 0) throw new Error(config.errors.join('\n'));
  // `podguard serve`'s defaults: policies warn from medium, deny never.
  const settings: WebhookSettings = {
    podSecurity: config.podSecurity,
    denyWorkloads: false,
    mutate: false,
    namespaceLimits: UPSTREAM_NAMESPACE_LIMITS,
    ...(config.settings ? { policies: { denyAt: 'never', warnAt: 'medium', settingsFor: (ns: string) => config.settings!.settingsFor(ns) } } : {}),
  };
  const ctx = { settings, cluster: new StaticClusterView(namespaces as KubeObject[]), now: Date.now };
  const metrics = new AdmissionMetrics(false);
  const logger = createLogger('info', () => undefined);

  const total: Record<Stage, number> = { parse: 0, decide: 0, response: 0, metrics: 0, logging: 0 };
  const requests: AdmissionRequest[] = [];
  const decisions: Decision[] = [];
  const time = (stage: Stage, count: boolean, f: () => void) => {
    const t0 = process.hrtime.bigint();
    f();
    if (count) total[stage] += Number(process.hrtime.bigint() - t0);
  };
  for (let r = 0; r < 2 * rounds; r++) {
    const count = r >= rounds;
    time('parse', count, () => {
      for (let i = 0; i < bodies.length; i++) requests[i] = requestOf(JSON.parse(bodies[i]!));
    });
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < requests.length; i++) decisions[i] = await decide(requests[i]!, { ...ctx, deadline: Date.now() + 10_000 });
    if (count) total.decide += Number(process.hrtime.bigint() - t0);
    time('response', count, () => {
      for (let i = 0; i < requests.length; i++) JSON.stringify(reviewResponse({ uid: requests[i]!.uid, ...decisions[i]!.verdict }));
    });
    time('metrics', count, () => {
      for (let i = 0; i < requests.length; i++) metrics.record('validate', requests[i]!, decisions[i]!.events, decisions[i]!.verdict.allowed, 0.001);
    });
    time('logging', count, () => {
      for (let i = 0; i < requests.length; i++) if (logger.enabled('debug')) logger.debug('admission', { uid: requests[i]!.uid });
    });
  }
  const per = rounds * bodies.length * 1000;
  return { parse: total.parse / per, decide: total.decide / per, response: total.response / per, metrics: total.metrics / per, logging: total.logging / per };
}
