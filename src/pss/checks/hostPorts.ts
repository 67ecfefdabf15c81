/*
HostPort ports must be forbidden.

Restricted Fields:
spec.containers[*].ports[*].hostPort
spec.initContainers[*].ports[*].hostPort

Allowed Values: undefined/0

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_hostPorts.go
*/

import type { PodSpec } from '../../k8s/types';
import { ALLOWED, forbidden, type CheckResult, type PssCheck } from '../check';
import { sortedUnique } from '../go-strings';
import { anyContainer, containerField, nameOf, pluralize, quotedContainers, visitContainers } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

/** A host port is set when it is a number other than 0. */
function isHostPort(hostPort: unknown): hostPort is number {
  return typeof hostPort === 'number' && hostPort !== 0;
}

function usesHostPort(c: ContainerFields): boolean {
  const ports = c.ports;
  if (!Array.isArray(ports)) return false;
  for (let j = 0; j < ports.length; j++) if (isHostPort(ports[j]?.hostPort)) return true;
  return false;
}

/** The forbidden result for a pod where some container uses a host port. */
function report(spec: PodSpec): CheckResult {
  // Containers are listed once each, in visiting order; ports form a set sorted as strings.
  const names: string[] = [];
  const ports: string[] = [];
  const fields: string[] = [];
  visitContainers(spec, (c, list, i) => {
    if (!usesHostPort(c)) return;
    names.push(nameOf(c));
    const containerPorts = c.ports!;
    for (let j = 0; j < containerPorts.length; j++) {
      const hostPort: unknown = containerPorts[j]?.hostPort;
      if (!isHostPort(hostPort)) continue;
      ports.push(String(hostPort));
      fields.push(containerField(list, i, `ports[${j}].hostPort`));
    }
  });
  const sorted = sortedUnique(ports);
  return forbidden(
    'hostPort',
    `${quotedContainers(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('hostPort', 'hostPorts', sorted.length)} ${sorted.join(', ')}`,
    fields,
  );
}

export const hostPorts: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  title: 'Host Ports',
  description: 'HostPorts should be disallowed entirely (recommended) or restricted to a known list.',
  versions: [
    {
      since: 'v1.0',
      check: (_meta, spec, pod = podFacts(spec)) => (anyContainer(pod, usesHostPort) ? report(spec) : ALLOWED),
    },
  ],
};
