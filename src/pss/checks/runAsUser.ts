/*
Containers must not set runAsUser: 0

Restricted Fields:
spec.securityContext.runAsUser
spec.containers[*].securityContext.runAsUser
spec.initContainers[*].securityContext.runAsUser

Allowed Values:
non-zero values
undefined/null

v1.35+: pods that do not share the host's user namespace (spec.hostUsers: false) are exempt,
because UID 0 inside a user namespace maps to an unprivileged UID on the host
(KEP-127, user namespaces).

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_runAsUser.go
*/

import { ALLOWED, forbidden, type CheckPodFn, type PssCheck } from '../check';
import { badSetters, containersWhere, exempting, inUserNamespace } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

function runsAsRoot(c: ContainerFields): boolean {
  return c.securityContext?.runAsUser === 0;
}

const runAsUser_1_23: CheckPodFn = (_meta, spec, facts = podFacts(spec)) => {
  const pod = spec.securityContext?.runAsUser === 0;
  const containers = containersWhere(facts, runsAsRoot, 'securityContext.runAsUser');
  if (!pod && containers === undefined) return ALLOWED;
  const podFields = pod ? ['spec.securityContext.runAsUser'] : [];
  return forbidden(
    'runAsUser=0',
    `${badSetters(pod, containers?.names)} must not set runAsUser=0`,
    containers === undefined ? podFields : [...podFields, ...containers.fields],
  );
};

export const runAsUser: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  title: 'Running as Non-root user',
  description: 'Containers must not set runAsUser to 0.',
  versions: [
    { since: 'v1.23', check: runAsUser_1_23 },
    // KEP-127: a pod in its own user namespace may run as UID 0 inside it.
    { since: 'v1.35', check: exempting(inUserNamespace, runAsUser_1_23) },
  ],
};
