/*
The Host field in probes and lifecycle hooks must be disallowed.

Restricted Fields:
spec.containers[*].livenessProbe.httpGet.host
spec.containers[*].readinessProbe.httpGet.host
spec.containers[*].startupProbe.httpGet.host
spec.containers[*].livenessProbe.tcpSocket.host
spec.containers[*].readinessProbe.tcpSocket.host
spec.containers[*].startupProbe.tcpSocket.host
spec.containers[*].lifecycle.postStart.tcpSocket.host
spec.containers[*].lifecycle.preStop.tcpSocket.host
spec.containers[*].lifecycle.postStart.httpGet.host
spec.containers[*].lifecycle.preStop.httpGet.host
spec.initContainers[*].livenessProbe.httpGet.host
spec.initContainers[*].readinessProbe.httpGet.host
spec.initContainers[*].startupProbe.httpGet.host
spec.initContainers[*].livenessProbe.tcpSocket.host
spec.initContainers[*].readinessProbe.tcpSocket.host
spec.initContainers[*].startupProbe.tcpSocket.host
spec.initContainers[*].lifecycle.postStart.tcpSocket.host
spec.initContainers[*].lifecycle.preStop.tcpSocket.host
spec.initContainers[*].lifecycle.postStart.httpGet.host
spec.initContainers[*].lifecycle.preStop.httpGet.host

Allowed Values: "", undefined/null

New in policy version v1.34 (KEP-4940); earlier versions allow any host.

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_hostProbesAndhostLifecycle.go
*/

import type { Container, Handler } from '../../k8s/types';
import { ALLOWED, forbidden, type PssCheck } from '../check';
import { joinQuote, nameOf, pluralize } from '../helpers';

// Walked by hand rather than with visitContainers so that no path string is built for an allowed pod.
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Go orders strings by their UTF-8 bytes (code point order); JS's default sort compares UTF-16 units. */
function goOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Containers and hosts found so far; allocated on the first violation only. */
interface Found {
  readonly names: Set<string>;
  readonly hosts: Set<string>;
  readonly fields: string[];
}

function record(found: Found | undefined, c: Container, host: string, path: string): Found {
  found ??= { names: new Set(), hosts: new Set(), fields: [] };
  found.names.add(nameOf(c));
  found.hosts.add(host);
  found.fields.push(path);
  return found;
}

/**
 * Records the non-empty hosts of one probe or lifecycle handler of container `c`, found at
 * `spec.<list>[<index>].<where>`; returns the findings, allocated on the first one.
 */
function visitHandler(
  handler: Handler | undefined,
  c: Container,
  list: string,
  index: number,
  where: string,
  found: Found | undefined,
): Found | undefined {
  if (handler === undefined || handler === null || typeof handler !== 'object') return found;
  const httpHost: unknown = handler.httpGet?.host;
  if (typeof httpHost === 'string' && httpHost !== '') {
    found = record(found, c, httpHost, `spec.${list}[${index}].${where}.httpGet.host`);
  }
  const tcpHost: unknown = handler.tcpSocket?.host;
  if (typeof tcpHost === 'string' && tcpHost !== '') {
    found = record(found, c, tcpHost, `spec.${list}[${index}].${where}.tcpSocket.host`);
  }
  return found;
}

export const hostProbesAndHostLifecycle: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  title: 'Host Probes / Lifecycle Hooks',
  description: 'The Host field in probes and lifecycle hooks must be disallowed.',
  versions: [
    {
      since: 'v1.34',
      check(_meta, spec) {
        // Upstream collects both container names and hosts in sets, so both come out sorted and unique.
        let found: Found | undefined;
        for (const list of CONTAINER_LISTS) {
          const containers = spec[list];
          if (!Array.isArray(containers)) continue;
          for (let i = 0; i < containers.length; i++) {
            const c = containers[i];
            if (c === null || typeof c !== 'object') continue;
            found = visitHandler(c.livenessProbe, c, list, i, 'livenessProbe', found);
            found = visitHandler(c.readinessProbe, c, list, i, 'readinessProbe', found);
            found = visitHandler(c.startupProbe, c, list, i, 'startupProbe', found);
            const lifecycle = c.lifecycle;
            if (lifecycle === undefined || lifecycle === null || typeof lifecycle !== 'object') continue;
            found = visitHandler(lifecycle.postStart, c, list, i, 'lifecycle.postStart', found);
            found = visitHandler(lifecycle.preStop, c, list, i, 'lifecycle.preStop', found);
          }
        }
        if (found === undefined) return ALLOWED;
        const names = [...found.names].sort(goOrder);
        const hosts = [...found.hosts].sort(goOrder);
        return forbidden(
          'probe or lifecycle host',
          `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ` +
            `${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hosts.length)} ${joinQuote(hosts)}`,
          found.fields,
        );
      },
    },
  ],
};
