/*
The default /proc masks are set up to reduce attack surface, and should be required.

Restricted Fields:
spec.containers[*].securityContext.procMount
spec.initContainers[*].securityContext.procMount

Allowed Values: undefined/null, "Default"

From policy version v1.35, any value is allowed when the pod runs in a user namespace
(spec.hostUsers: false, KEP-127). At the restricted level, procMount_restricted replaces this check
from v1.35 and keeps forbidding unmasked /proc even then.

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_procMount_baseline.go
(check_procMount.go before v1.35)
*/

import { ALLOWED, forbidden, type CheckPodFn, type PssCheck } from '../check';
import { joinQuote, nameOf, pluralize } from '../helpers';

// Walked by hand rather than with visitContainers so that no path string is built for an allowed pod.
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Go orders strings by their UTF-8 bytes (code point order); JS's default sort compares UTF-16 units. */
function goOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Forbids any procMount other than "Default", whatever the pod's user namespace. */
const procMountV1Dot0: CheckPodFn = (_meta, spec) => {
  // Containers are listed once each, in visiting order; the types form a sorted set.
  let names: string[] | undefined;
  let types: Set<string> | undefined;
  let fields: string[] | undefined;
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (c === null || typeof c !== 'object') continue;
      const procMount: unknown = c.securityContext?.procMount;
      if (typeof procMount !== 'string' || procMount === 'Default') continue;
      (names ??= []).push(nameOf(c));
      (types ??= new Set()).add(procMount);
      (fields ??= []).push(`spec.${list}[${i}].securityContext.procMount`);
    }
  }
  if (names === undefined || types === undefined || fields === undefined) return ALLOWED;
  return forbidden(
    'procMount',
    `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must not set securityContext.procMount to ` +
      joinQuote([...types].sort(goOrder)),
    fields,
  );
};

export const procMount: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  title: '/proc Mount Type',
  description: 'The default /proc masks are set up to reduce attack surface, and should be required.',
  versions: [
    { since: 'v1.0', check: procMountV1Dot0 },
    {
      // KEP-127: a pod in a user namespace cannot reach the host's /proc, so baseline stops caring.
      since: 'v1.35',
      check(meta, spec) {
        if (spec.hostUsers === false) return ALLOWED;
        return procMountV1Dot0(meta, spec);
      },
    },
  ],
};
