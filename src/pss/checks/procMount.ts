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

import type { PodSpec } from '../../k8s/types';
import { ALLOWED, forbidden, type CheckPodFn, type CheckResult, type PssCheck } from '../check';
import { sortedUnique } from '../go-strings';
import { anyContainer, containerField, exempting, inUserNamespace, joinQuote, nameOf, quotedContainers, visitContainers } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

/** The container's procMount when it is set to anything but "Default". */
function unmaskedType(c: ContainerFields): string | undefined {
  const procMount: unknown = c.securityContext?.procMount;
  return typeof procMount === 'string' && procMount !== 'Default' ? procMount : undefined;
}

function unmasksProc(c: ContainerFields): boolean {
  return unmaskedType(c) !== undefined;
}

/** The forbidden result for a pod where some container unmasks /proc. */
function report(spec: PodSpec): CheckResult {
  // Containers are listed once each, in visiting order; the types form a sorted set.
  const names: string[] = [];
  const types: string[] = [];
  const fields: string[] = [];
  visitContainers(spec, (c, list, i) => {
    const type = unmaskedType(c);
    if (type === undefined) return;
    names.push(nameOf(c));
    types.push(type);
    fields.push(containerField(list, i, 'securityContext.procMount'));
  });
  return forbidden('procMount', `${quotedContainers(names)} must not set securityContext.procMount to ${joinQuote(sortedUnique(types))}`, fields);
}

/** Forbids any procMount other than "Default", whatever the pod's user namespace. */
const procMount_1_0: CheckPodFn = (_meta, spec, pod = podFacts(spec)) => (anyContainer(pod, unmasksProc) ? report(spec) : ALLOWED);

export const procMount: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  title: '/proc Mount Type',
  description: 'The default /proc masks are set up to reduce attack surface, and should be required.',
  versions: [
    { since: 'v1.0', check: procMount_1_0 },
    // KEP-127: a pod in a user namespace cannot reach the host's /proc, so baseline stops caring.
    { since: 'v1.35', check: exempting(inUserNamespace, procMount_1_0) },
  ],
};
