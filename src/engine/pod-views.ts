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
  const podPath = POD_PATHS[kind]!;
  let node: unknown = obj;
  if (podPath !== '') {
    for (const step of podPath.split('.')) node = isMapping(node) ? node[step] : undefined;
  }
  const pod = isMapping(node) ? node : {};
  const metadata = isMapping(pod['metadata']) ? (pod['metadata'] as ObjectMeta) : EMPTY;
  const spec = isMapping(pod['spec']) ? (pod['spec'] as PodSpec) : {};
  return { podPath, metadata, spec, prefix: podPath === '' ? '' : `${podPath}.` };
}
