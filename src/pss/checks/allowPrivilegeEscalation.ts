/*
Privilege escalation (such as via set-user-ID or set-group-ID file mode) should not be allowed.

Restricted Fields:
spec.containers[*].securityContext.allowPrivilegeEscalation
spec.initContainers[*].securityContext.allowPrivilegeEscalation

Allowed Values: false

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_allowPrivilegeEscalation.go
*/

import { ALLOWED, forbidden, type CheckPodFn, type PssCheck } from '../check';
import { containersWhere, exempting, isWindowsPod, quotedContainers } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

/** Anything but an explicit `false` (unset included) lets the container escalate. */
function mayEscalate(c: ContainerFields): boolean {
  return c.securityContext?.allowPrivilegeEscalation !== false;
}

const allowPrivilegeEscalation_1_8: CheckPodFn = (_meta, spec, pod = podFacts(spec)) => {
  const found = containersWhere(pod, mayEscalate, 'securityContext.allowPrivilegeEscalation');
  if (found === undefined) return ALLOWED;
  return forbidden(
    'allowPrivilegeEscalation != false',
    `${quotedContainers(found.names)} must set securityContext.allowPrivilegeEscalation=false`,
    found.fields,
  );
};

export const allowPrivilegeEscalation: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  title: 'Privilege Escalation',
  description: 'Privilege escalation (such as via set-user-ID or set-group-ID file mode) should not be allowed.',
  versions: [
    // The field exists since Kubernetes 1.8.
    { since: 'v1.8', check: allowPrivilegeEscalation_1_8 },
    // KEP-2802: API validation forbids the field on Windows pods (spec.os.name=windows), so they are admitted.
    { since: 'v1.25', check: exempting(isWindowsPod, allowPrivilegeEscalation_1_8) },
  ],
};
