// Small readers fixes share: which container or volume a finding's field path points at, and how
// to name it to the user ("container \"web\"", "volume \"data\"", "pod").

import { isMapping, type Container, type PodLike, type Volume } from '../../../k8s/types';
import { valueAt } from '../../engine/change';

const CONTAINER_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\[\d+\]/;
const VOLUME_PATH = /^spec\.volumes\[\d+\]/;

export interface ContainerRef {
  /** `spec.containers[0]` */
  readonly path: string;
  readonly container: Container;
  /** `container "web"` */
  readonly subject: string;
}

/** The container a pod-relative field path is inside, or undefined for pod-level paths. */
export function containerAt(pod: PodLike, field: string): ContainerRef | undefined {
  const m = CONTAINER_PATH.exec(field);
  if (!m) return undefined;
  const container = valueAt(pod, m[0]);
  if (!isMapping(container)) return undefined;
  const name = typeof container['name'] === 'string' ? container['name'] : '';
  return { path: m[0], container: container as Container, subject: `container ${JSON.stringify(name)}` };
}

/** Who a field belongs to: `container "web"`, `volume "data"` or `pod`. */
export function subjectOf(pod: PodLike, field: string): string {
  const c = containerAt(pod, field);
  if (c) return c.subject;
  const v = VOLUME_PATH.exec(field);
  if (v) {
    const volume = valueAt(pod, v[0]) as Volume | undefined;
    return `volume ${JSON.stringify(typeof volume?.name === 'string' ? volume.name : '')}`;
  }
  return 'pod';
}

/** The path one level up: `a.b[2].c` → `a.b[2]`, `a.b[2]` → `a.b`. */
export function parentPath(path: string): string {
  const m = /^(.*?)(?:\.[^.[\]]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/.exec(path);
  return m ? m[1]! : '';
}

/** The last step of a path: `a.b.c` → `c`. */
export function lastKey(path: string): string {
  const m = /(?:\.|^)([^.[\]]+)$/.exec(path);
  return m ? m[1]! : '';
}
