// The API server's defaulting, applied before evaluation where it changes a verdict: Pod Security
// Admission judges the object as it will be stored, not as it was written.
// Upstream: pkg/apis/core/v1/defaults.go.

import type { Container, PodSpec, Volume } from '../k8s/types';

/** Whether a volume names a source: any field but `name` (the only other field of a Volume). */
function volumeHasSource(v: Volume): boolean {
  for (const k in v) if (k !== 'name') return true;
  return false;
}

/** Whether some volume is an object with no source; a plain loop, as this runs for every pod. */
function hasSourcelessVolume(volumes: readonly Volume[]): boolean {
  for (let i = 0; i < volumes.length; i++) {
    const v: unknown = volumes[i];
    if (v !== null && typeof v === 'object' && !volumeHasSource(v as Volume)) return true;
  }
  return false;
}

function needsHostPortDefault(containers: unknown): boolean {
  return (
    Array.isArray(containers) &&
    containers.some((c: Container) => Array.isArray(c?.ports) && c.ports.some((p) => p && typeof p.containerPort === 'number' && !p.hostPort))
  );
}

function withHostPorts(containers: readonly Container[]): Container[] {
  return containers.map((c) =>
    Array.isArray(c?.ports)
      ? { ...c, ports: c.ports.map((p) => (p && typeof p.containerPort === 'number' && !p.hostPort ? { ...p, hostPort: p.containerPort } : p)) }
      : c,
  );
}

/**
 * Returns the spec as the API server would store it, for the defaults that matter to the checks:
 * - a volume with no source becomes an emptyDir (SetDefaults_Volume);
 * - with hostNetwork, a container port's hostPort defaults to its containerPort
 *   (SetDefaults_Pod → defaultHostNetworkPorts), for containers and init containers of Pods.
 *   Since v1.28 pod templates are no longer defaulted this way (feature gate
 *   DefaultHostNetworkHostPortsInPodTemplates, off from v1.28, removed in v1.31), so `isPod`
 *   tells them apart.
 * The input is never modified; it is returned as is when no default applies (the common case).
 */
export function applyDefaults(spec: PodSpec, isPod: boolean): PodSpec {
  const volumes = spec.volumes;
  const emptyVolumes = Array.isArray(volumes) && hasSourcelessVolume(volumes);
  const hostPorts = isPod && spec.hostNetwork === true && (needsHostPortDefault(spec.containers) || needsHostPortDefault(spec.initContainers));
  if (!emptyVolumes && !hostPorts) return spec;
  const out: Record<string, unknown> = { ...spec };
  if (emptyVolumes) out['volumes'] = volumes!.map((v) => (v !== null && typeof v === 'object' && !volumeHasSource(v) ? { ...v, emptyDir: {} } : v));
  if (hostPorts) {
    if (Array.isArray(spec.containers)) out['containers'] = withHostPorts(spec.containers);
    if (Array.isArray(spec.initContainers)) out['initContainers'] = withHostPorts(spec.initContainers);
  }
  return out as PodSpec;
}
