/*
Privileged Pods disable most security mechanisms and must be disallowed.

Restricted Fields:
spec.containers[*].securityContext.privileged
spec.initContainers[*].securityContext.privileged

Allowed Values: false, undefined/null

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_privileged.go
*/

import { ALLOWED, forbidden, type PssCheck } from '../check';
import { containersWhere, quotedContainers } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

function isPrivileged(c: ContainerFields): boolean {
  return c.securityContext?.privileged === true;
}

export const privileged: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  title: 'Privileged Containers',
  description: 'Privileged Pods disable most security mechanisms and must be disallowed.',
  versions: [
    {
      since: 'v1.0',
      check(_meta, spec, pod = podFacts(spec)) {
        const found = containersWhere(pod, isPrivileged, 'securityContext.privileged');
        if (found === undefined) return ALLOWED;
        return forbidden('privileged', `${quotedContainers(found.names)} must not set securityContext.privileged=true`, found.fields);
      },
    },
  ],
};
