// Where each pod-bearing kind keeps its pod. One table serves every door: files, admission
// requests and the cluster audit. Upstream PSA reads the same places
// (staging/src/k8s.io/pod-security-admission/admission/api/... PodSpecExtractor).

import { isMapping, type KubeObject, type ObjectMeta, type PodSpec } from '../k8s/types';

/** Path from the object to its pod template (an object with metadata and spec); '' is the object itself. */
export const POD_PATHS: Readonly<Record<string, string>> = {
  Pod: '',
  PodTemplate: 'template',
  ReplicationController: 'spec.template',
  ReplicaSet: 'spec.template',
  Deployment: 'spec.template',
  StatefulSet: 'spec.template',
  DaemonSet: 'spec.template',
  Job: 'spec.template',
  CronJob: 'spec.jobTemplate.spec.template',
};

export interface PodView {
  /** Path of the pod inside the object ('' for a Pod), as in the JSON contract's `podPath`. */
  readonly podPath: string;
  readonly metadata: ObjectMeta;
  readonly spec: PodSpec;
  /** Prefix that turns a pod-relative path (`spec.containers[0]`) into an object path. */
  readonly prefix: string;
}

const EMPTY: ObjectMeta = Object.freeze({});

/** Each kind's path split into steps, and its prefix, once: podViewOf runs for every object. */
const ROUTES: ReadonlyMap<string, { readonly podPath: string; readonly steps: readonly string[]; readonly prefix: string }> = new Map(
  Object.entries(POD_PATHS).map(([kind, podPath]) => [
    kind,
    { podPath, steps: podPath === '' ? [] : podPath.split('.'), prefix: podPath === '' ? '' : `${podPath}.` },
  ]),
);

/** True when objects of this kind carry a pod. */
export function carriesPod(kind: string | undefined): boolean {
  return kind !== undefined && Object.prototype.hasOwnProperty.call(POD_PATHS, kind);
}

/**
 * The pod inside an object, or undefined when its kind carries none. A pod-bearing object whose
 * template is missing still yields a view with an empty spec (as the API server would reject or
 * default it), so it is evaluated and counted rather than silently skipped.
 */
export function podViewOf(obj: KubeObject): PodView | undefined {
  const kind = obj.kind;
  if (kind === undefined || !carriesPod(kind)) return undefined;
  const route = ROUTES.get(String(kind))!;
  let node: unknown = obj;
  const steps = route.steps;
  for (let i = 0; i < steps.length; i++) node = isMapping(node) ? node[steps[i]!] : undefined;
  const pod = isMapping(node) ? node : {};
  const metadata = isMapping(pod['metadata']) ? (pod['metadata'] as ObjectMeta) : EMPTY;
  const spec = isMapping(pod['spec']) ? (pod['spec'] as PodSpec) : {};
  return { podPath: route.podPath, metadata, spec, prefix: route.prefix };
}
