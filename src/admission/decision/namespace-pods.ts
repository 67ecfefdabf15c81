// The warnings returned when a namespace's enforce level tightens: which existing pods would
// violate it, grouped by identical reasons, one pod named per group, within a pod count and time
// budget. Upstream: admission/admission.go (EvaluatePodsInNamespace, prioritizePods,
// decoratePodWarnings; defaultNamespaceMaxPodsToCheck = 3000, defaultNamespacePodCheckTimeout = 1s).

import type { KubeObject } from '../../k8s/types';
import { goQuote } from '../../pss/go-strings';
import type { ClusterView } from '../cluster/cluster-view';
import { levelVersionString, type LevelVersion } from '../../psa/namespace-policy';
import { forbiddenReason, pssOutcome } from './pss-outcome';

export interface NamespaceCheckLimits {
  /** Pods evaluated at most (upstream: 3000). */
  readonly maxPods: number;
  /** Time budget for listing and evaluating (upstream: 1s), halved against the request's own deadline. */
  readonly timeoutMs: number;
}

export const UPSTREAM_NAMESPACE_LIMITS: NamespaceCheckLimits = { maxPods: 3000, timeoutMs: 1000 };

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function runtimeClassOf(pod: KubeObject): string {
  const spec = pod['spec'] as Record<string, unknown> | undefined;
  return spec && typeof spec === 'object' ? str(spec['runtimeClassName']) : '';
}

function controllerUid(pod: KubeObject): string | undefined {
  const refs = pod.metadata?.['ownerReferences'];
  if (!Array.isArray(refs)) return undefined;
  const ref = refs.find((r) => r && typeof r === 'object' && (r as Record<string, unknown>)['controller'] === true) as Record<string, unknown> | undefined;
  return ref ? str(ref['uid']) : undefined;
}

/**
 * Exempt runtime classes dropped; the first pod of each controller first, the other replicas of a
 * controller after every distinct pod, so a capped check sees as many different templates as it can.
 */
export function prioritizePods(pods: readonly KubeObject[], exemptRuntimeClasses: ReadonlySet<string>): KubeObject[] {
  const first: KubeObject[] = [];
  const replicas: KubeObject[] = [];
  const seen = new Set<string>();
  for (const pod of pods) {
    const rc = runtimeClassOf(pod);
    if (rc !== '' && exemptRuntimeClasses.has(rc)) continue;
    const uid = controllerUid(pod);
    if (uid === undefined) first.push(pod);
    else if (seen.has(uid)) replicas.push(pod);
    else {
      seen.add(uid);
      first.push(pod);
    }
  }
  return first.concat(replicas);
}

function decorate(name: string, count: number, warning: string): string {
  if (count === 1) return `${name}: ${warning}`;
  if (count === 2) return `${name} (and 1 other pod): ${warning}`;
  return `${name} (and ${count - 1} other pods): ${warning}`;
}

export interface NamespaceCheck {
  readonly cluster: ClusterView;
  readonly namespace: string;
  readonly enforce: LevelVersion;
  readonly exemptRuntimeClasses: ReadonlySet<string>;
  readonly limits: NamespaceCheckLimits;
  readonly now: () => number;
  /** The request's own deadline (ms since the epoch), when the API server said how long it waits. */
  readonly requestDeadline?: number;
}

export async function evaluatePodsInNamespace(c: NamespaceCheck): Promise<string[]> {
  let timeout = c.limits.timeoutMs;
  if (c.requestDeadline !== undefined) {
    const half = (c.requestDeadline - c.now()) / 2; // don't take more than half the remaining time
    if (timeout > half) timeout = half;
  }
  const deadline = c.now() + timeout;
  let listed: readonly KubeObject[];
  try {
    listed = await c.cluster.pods(c.namespace, deadline);
  } catch {
    return ['failed to list pods while checking new PodSecurity enforce level'];
  }
  let pods = prioritizePods(listed, c.exemptRuntimeClasses);
  const total = pods.length;
  if (pods.length > c.limits.maxPods) pods = pods.slice(0, c.limits.maxPods);

  const groups = new Map<string, { name: string; count: number }>();
  let checked = pods.length;
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i]!;
    const outcome = pssOutcome(pod, c.enforce);
    if (!outcome.allowed) {
      const warning = forbiddenReason(outcome);
      const name = str(pod.metadata?.name);
      const g = groups.get(warning);
      if (!g) groups.set(warning, { name, count: 1 });
      else {
        if (name < g.name) g.name = name;
        g.count++;
      }
    }
    if (c.now() >= deadline) {
      checked = i + 1;
      break;
    }
  }

  const warnings: string[] = [];
  if (checked < total) warnings.push(`new PodSecurity enforce level only checked against the first ${checked} of ${total} existing pods`);
  if (groups.size > 0) {
    warnings.push(`existing pods in namespace ${goQuote(c.namespace)} violate the new PodSecurity enforce level ${goQuote(levelVersionString(c.enforce))}`);
  }
  const podWarnings = [...groups].map(([warning, g]) => decorate(g.name, g.count, warning));
  podWarnings.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return warnings.concat(podWarnings);
}
