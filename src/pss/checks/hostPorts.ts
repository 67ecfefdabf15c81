/*
HostPort ports must be forbidden.

Restricted Fields:
spec.containers[*].ports[*].hostPort
spec.initContainers[*].ports[*].hostPort

Allowed Values: undefined/0

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_hostPorts.go
*/

import { ALLOWED, forbidden, type PssCheck } from '../check';
import { joinQuote, nameOf, pluralize } from '../helpers';

// Walked by hand rather than with visitContainers so that no path string is built for an allowed pod.
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export const hostPorts: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  title: 'Host Ports',
  description: 'HostPorts should be disallowed entirely (recommended) or restricted to a known list.',
  versions: [
    {
      since: 'v1.0',
      check(_meta, spec) {
        // Containers are listed once each, in visiting order; ports form a set sorted as strings.
        let names: string[] | undefined;
        let ports: Set<string> | undefined;
        let fields: string[] | undefined;
        for (const list of CONTAINER_LISTS) {
          const containers = spec[list];
          if (!Array.isArray(containers)) continue;
          for (let i = 0; i < containers.length; i++) {
            const c = containers[i];
            if (c === null || typeof c !== 'object' || !Array.isArray(c.ports)) continue;
            let bad = false;
            for (let j = 0; j < c.ports.length; j++) {
              const hostPort: unknown = c.ports[j]?.hostPort;
              if (typeof hostPort !== 'number' || hostPort === 0) continue;
              bad = true;
              (ports ??= new Set()).add(String(hostPort));
              (fields ??= []).push(`spec.${list}[${i}].ports[${j}].hostPort`);
            }
            if (bad) (names ??= []).push(nameOf(c));
          }
        }
        if (names === undefined || ports === undefined || fields === undefined) return ALLOWED;
        return forbidden(
          'hostPort',
          `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ` +
            `${pluralize('hostPort', 'hostPorts', ports.size)} ${[...ports].sort().join(', ')}`,
          fields,
        );
      },
    },
  ],
};
