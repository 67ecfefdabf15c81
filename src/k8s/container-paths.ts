// Which containers a finding's fields point into. Exceptions scoped to containers match by these
// names, so the engine (which applies exceptions) and exceptions lint (which asks whether one was
// used) must read paths the same way: both use this.

import type { PodSpec } from './types';

const CONTAINER_PATH = /^spec\.(initContainers|containers|ephemeralContainers)\[(\d+)\]/;

/**
 * The names of the containers that pod-relative `fields` (`spec.containers[1].image`) point
 * into, each once, in order; an unnamed container is ''.
 */
export function containersAt(spec: PodSpec, fields: readonly string[]): string[] {
  const names: string[] = [];
  for (const f of fields) {
    const m = CONTAINER_PATH.exec(f);
    if (!m) continue;
    const list = spec[m[1] as 'containers'];
    const c = Array.isArray(list) ? list[Number(m[2])] : undefined;
    const name = typeof c?.name === 'string' ? c.name : '';
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
