/*
Adding NET_RAW or capabilities beyond the default set must be disallowed.

Restricted Fields:
spec.containers[*].securityContext.capabilities.add
spec.initContainers[*].securityContext.capabilities.add

Allowed Values:
undefined / empty
values from the default set "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_capabilities_baseline.go
(At restricted, capabilities_restricted replaces this check from v1.22.)
*/

import type { PodSpec } from '../../k8s/types';
import { ALLOWED, forbidden, type CheckResult, type PssCheck } from '../check';
import { goString, sortedUnique } from '../go-strings';
import { anyContainer, containerField, joinQuote, nameOf, quotedContainers, visitContainers } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

export const DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

function isDefault(capability: unknown): boolean {
  return typeof capability === 'string' && DEFAULT_CAPABILITIES.has(capability);
}

/** The container's capabilities.add list, when it has one. */
function addedOf(c: ContainerFields): readonly unknown[] | undefined {
  const add: unknown = c.securityContext?.capabilities?.add;
  return Array.isArray(add) ? add : undefined;
}

function addsNonDefault(c: ContainerFields): boolean {
  const add = addedOf(c);
  if (add === undefined) return false;
  for (let i = 0; i < add.length; i++) if (!isDefault(add[i])) return true;
  return false;
}

/** The forbidden result for a pod where some container adds a capability beyond the default set. */
function report(spec: PodSpec): CheckResult {
  const names: string[] = [];
  const fields: string[] = [];
  const capabilities: string[] = [];
  visitContainers(spec, (c, list, i) => {
    if (!addsNonDefault(c)) return;
    names.push(nameOf(c));
    fields.push(containerField(list, i, 'securityContext.capabilities.add'));
    for (const capability of addedOf(c)!) if (!isDefault(capability)) capabilities.push(goString(capability));
  });
  return forbidden(
    'non-default capabilities',
    `${quotedContainers(names)} must not include ${joinQuote(sortedUnique(capabilities))} in securityContext.capabilities.add`,
    fields,
  );
}

export const capabilities_baseline: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  title: 'Capabilities',
  description: 'Adding NET_RAW or capabilities beyond the default set must be disallowed.',
  versions: [
    {
      since: 'v1.0',
      check: (_meta, spec, pod = podFacts(spec)) => (anyContainer(pod, addsNonDefault) ? report(spec) : ALLOWED),
    },
  ],
};
