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

import type { Container, Handler, PodSpec } from '../../k8s/types';
import { ALLOWED, forbidden, type CheckResult, type PssCheck } from '../check';
import { sortedUnique } from '../go-strings';
import { anyContainer, containerField, joinQuote, nameOf, pluralize, quotedContainers, visitContainers } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

/** Where a container may name a host: its probes and lifecycle hooks, in upstream's order. */
export const HANDLERS: readonly { readonly path: string; readonly of: (c: Container) => Handler | undefined }[] = [
  { path: 'livenessProbe', of: (c) => c.livenessProbe },
  { path: 'readinessProbe', of: (c) => c.readinessProbe },
  { path: 'startupProbe', of: (c) => c.startupProbe },
  { path: 'lifecycle.postStart', of: (c) => c.lifecycle?.postStart },
  { path: 'lifecycle.preStop', of: (c) => c.lifecycle?.preStop },
];
export const ACTIONS = ['httpGet', 'tcpSocket'] as const;

/** The host a handler's action names, when it names one (the empty string does not). */
function hostOf(handler: Handler | undefined, action: (typeof ACTIONS)[number]): string | undefined {
  if (handler === null || typeof handler !== 'object') return undefined;
  const host: unknown = handler[action]?.host;
  return typeof host === 'string' && host !== '' ? host : undefined;
}

function handlerNamesHost(handler: Handler | undefined): boolean {
  return hostOf(handler, 'httpGet') !== undefined || hostOf(handler, 'tcpSocket') !== undefined;
}

/** HANDLERS read directly rather than through its getters: this first look runs on every container of every pod. */
function namesHost(c: ContainerFields): boolean {
  const lifecycle = c.lifecycle;
  return (
    handlerNamesHost(c.livenessProbe) ||
    handlerNamesHost(c.readinessProbe) ||
    handlerNamesHost(c.startupProbe) ||
    handlerNamesHost(lifecycle?.postStart) ||
    handlerNamesHost(lifecycle?.preStop)
  );
}

/** The forbidden result for a pod where some container's probe or lifecycle hook names a host. */
function report(spec: PodSpec): CheckResult {
  const names: string[] = [];
  const hosts: string[] = [];
  const fields: string[] = [];
  visitContainers(spec, (c, list, i) => {
    for (const handler of HANDLERS) {
      for (const action of ACTIONS) {
        const host = hostOf(handler.of(c), action);
        if (host === undefined) continue;
        names.push(nameOf(c));
        hosts.push(host);
        fields.push(containerField(list, i, `${handler.path}.${action}.host`));
      }
    }
  });
  // Upstream collects both container names and hosts in sets, so both come out sorted and unique.
  const sortedNames = sortedUnique(names);
  const sortedHosts = sortedUnique(hosts);
  return forbidden(
    'probe or lifecycle host',
    `${quotedContainers(sortedNames)} ${pluralize('uses', 'use', sortedNames.length)} ` +
      `${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', sortedHosts.length)} ${joinQuote(sortedHosts)}`,
    fields,
  );
}

export const hostProbesAndHostLifecycle: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  title: 'Host Probes / Lifecycle Hooks',
  description: 'The Host field in probes and lifecycle hooks must be disallowed.',
  versions: [
    {
      since: 'v1.34',
      check: (_meta, spec, pod = podFacts(spec)) => (anyContainer(pod, namesHost) ? report(spec) : ALLOWED),
    },
  ],
};
