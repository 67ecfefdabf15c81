// Which containers a finding's fields point into. Exceptions scoped to containers match by these
// names, so the engine (which applies exceptions) and exceptions lint (which asks whether one was
// used) must read paths the same way: both use this.

import type { PodSpec } from './types';

const CONTAINER_PATH = /^spec\.(initContainers|containers|ephemeralContainers)\[(\d+)\]/;
const VOLUME_PATH = /^spec\.volumes\[(\d+)\]/;
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Every container that mounts (volumeMounts) or attaches (volumeDevices) the volume called `volume`. */
function containersUsing(spec: PodSpec, volume: string, names: string[]): void {
  for (const list of CONTAINER_LISTS) {
    const cs = spec[list];
    if (!Array.isArray(cs)) continue;
    for (const c of cs) {
      const uses = (xs: unknown) => Array.isArray(xs) && xs.some((m) => m !== null && typeof m === 'object' && (m as { name?: unknown }).name === volume);
      if (!uses(c?.volumeMounts) && !uses((c as { volumeDevices?: unknown } | undefined)?.volumeDevices)) continue;
      const name = typeof c?.name === 'string' ? c.name : '';
      if (!names.includes(name)) names.push(name);
    }
  }
}

/**
 * The names of the containers that pod-relative `fields` (`spec.containers[1].image`) point
 * into, each once, in order; an unnamed container is ''. A field of a volume
 * (`spec.volumes[2].hostPath`) points into every container that mounts that volume.
 */
export function containersAt(spec: PodSpec, fields: readonly string[]): string[] {
  const names: string[] = [];
  for (const f of fields) {
    const m = CONTAINER_PATH.exec(f);
    if (!m) {
      // A volume's finding belongs to every container that mounts the volume: an exception
      // scoped to a container covers the hostPath volume it mounts.
      const v = VOLUME_PATH.exec(f);
      const vol = v && Array.isArray(spec.volumes) ? spec.volumes[Number(v[1])] : undefined;
      if (vol && typeof vol.name === 'string') containersUsing(spec, vol.name, names);
      continue;
    }
    const list = spec[m[1] as 'containers'];
    const c = Array.isArray(list) ? list[Number(m[2])] : undefined;
    const name = typeof c?.name === 'string' ? c.name : '';
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
