/*
A non-root container that drops NET_BIND_SERVICE (or ALL) and declares a port below 1024, in a
pod that does not lower net.ipv4.ip_unprivileged_port_start: binding the port fails at start.
*/

import type { Container, PodSpec } from '../../k8s/types';
import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { capabilityList, effective, isWindowsPod, listsCapability, podSecurityContext } from '../resolve';
import { containerLabel, perContainer } from '../visit';
import { sysctlKey } from './unsafe-sysctls';

/** The pod's net.ipv4.ip_unprivileged_port_start, when set to a number. */
function unprivilegedPortStart(spec: PodSpec): number | undefined {
  const s: unknown = podSecurityContext(spec)?.sysctls;
  if (!Array.isArray(s)) return undefined;
  for (const e of s as { name?: unknown; value?: unknown }[]) {
    if (e !== null && typeof e === 'object' && sysctlKey(e.name) === 'net.ipv4.ip_unprivileged_port_start') {
      const v = Number(e.value);
      return Number.isInteger(v) ? v : undefined;
    }
  }
  return undefined;
}

function runsNonRoot(spec: PodSpec, c: Container): boolean {
  const uid = effective(spec, c, 'runAsUser');
  return typeof uid === 'number' ? uid > 0 : effective(spec, c, 'runAsNonRoot') === true;
}

function cannotBind(c: Container): boolean {
  const drop = capabilityList(c, 'drop');
  if (!listsCapability(drop, 'ALL') && !listsCapability(drop, 'NET_BIND_SERVICE')) return false;
  const add = capabilityList(c, 'add');
  return !listsCapability(add, 'NET_BIND_SERVICE') && !listsCapability(add, 'ALL');
}

/** Index of the first declared port below the pod's unprivileged start (1024 by default), or -1. */
function lowPort(spec: PodSpec, c: Container): number {
  const ports: unknown = c.ports;
  if (!Array.isArray(ports)) return -1;
  const start = spec.hostNetwork === true ? 1024 : (unprivilegedPortStart(spec) ?? 1024);
  for (let i = 0; i < ports.length; i++) {
    const p: unknown = (ports[i] as { containerPort?: unknown } | null)?.containerPort;
    if (typeof p === 'number' && p > 0 && p < start) return i;
  }
  return -1;
}

export const privilegedPortWithoutCapability: PodPolicy = {
  id: 'privileged-port-without-capability',
  title: 'Port below 1024 without NET_BIND_SERVICE: bind will fail',
  severity: 'low',
  category: 'will-not-run',
  preset: 'recommended',
  rationale:
    'Binding a port below net.ipv4.ip_unprivileged_port_start (1024 unless changed) needs NET_BIND_SERVICE. A non-root ' +
    'container that drops ALL capabilities and listens on port 80 fails with "permission denied" at start, a common result ' +
    'of hardening a manifest. (containerd 2.0 and Docker lower the sysctl to 0 in each pod by default; CRI-O and older ' +
    'containerd do not, so the same manifest works on one cluster and fails on another.)',
  remediation:
    'Listen on a port of 1024 or above and map it in the Service (port: 80, targetPort: 8080); or add NET_BIND_SERVICE to ' +
    "capabilities.add; or set the safe sysctl net.ipv4.ip_unprivileged_port_start in the pod's securityContext.",
  references: [REF.capabilities, REF.sysctls],
  check: perContainer(
    (c, spec) => !isWindowsPod(spec) && lowPort(spec, c) >= 0 && cannotBind(c) && runsNonRoot(spec, c),
    (c, path, spec, name) => {
      const i = lowPort(spec, c);
      const port = (c.ports![i] as { containerPort: number }).containerPort;
      return {
        detail: `${containerLabel(name)} runs as non-root without NET_BIND_SERVICE but declares port ${port}: binding it will fail`,
        fields: [`${path}.ports[${i}].containerPort`, `${path}.securityContext.capabilities`],
      };
    },
  ),
};
