// Fix for the hardening policy privileged-port-without-capability.

import type { Container } from '../../k8s/types';
import { valueAt } from '../engine/change';
import { defineFix, type PlannedChange } from '../engine/fix';

const SYSCTL = 'net.ipv4.ip_unprivileged_port_start';
const SYSCTLS = 'spec.securityContext.sysctls';
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** The lowest port below 1024 any container of the pod declares. */
function lowestLowPort(spec: Readonly<Record<string, unknown>>): number | undefined {
  let lowest: number | undefined;
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const c of containers as (Container | null)[]) {
      if (!Array.isArray(c?.ports)) continue;
      for (const p of c.ports) {
        const port: unknown = p?.containerPort;
        if (typeof port === 'number' && port > 0 && port < 1024 && (lowest === undefined || port < lowest)) lowest = port;
      }
    }
  }
  return lowest;
}

export const privilegedPortWithoutCapability = defineFix({
  id: 'privileged-port-without-capability',
  summary: `Let non-root processes bind the pod's low ports with the namespaced sysctl ${SYSCTL}.`,
  remedies: {
    'unprivileged-port-start': {
      safe: true,
      change: `sets the pod's sysctl ${SYSCTL} to the lowest port below 1024 its containers declare`,
      rationale:
        'As written, the container cannot bind the port it declares and fails at start. The sysctl is namespaced: it ' +
        "lowers the privileged-port boundary inside the pod's own network namespace only (containerd 2.0 sets it to 0 " +
        'in every pod), grants no capability, and is in the safe set every Pod Security Standards level allows.',
    },
  },
  plan({ pod }) {
    const spec = pod.spec as Readonly<Record<string, unknown>>;
    // With hostNetwork the pod has no network namespace of its own to set the sysctl in.
    if (pod.spec.hostNetwork === true)
      return { changes: [], manual: ['the pod uses hostNetwork, where the sysctl cannot be set: listen on a port of 1024 or above, or add NET_BIND_SERVICE'] };
    const port = lowestLowPort(spec);
    if (port === undefined) return { changes: [], manual: [] };
    const value = String(port);
    const list = valueAt(pod, SYSCTLS);
    const changes: PlannedChange<'unprivileged-port-start'>[] = [];
    const i = Array.isArray(list) ? list.findIndex((s: { name?: unknown } | null) => s?.name === SYSCTL) : -1;
    if (i >= 0) changes.push({ remedy: 'unprivileged-port-start', subject: 'pod', change: { op: 'set', path: `${SYSCTLS}[${i}].value`, value } });
    else changes.push({ remedy: 'unprivileged-port-start', subject: 'pod', change: { op: 'append', path: SYSCTLS, value: { name: SYSCTL, value } } });
    return { changes, manual: [] };
  },
});
