/*
Privileged Pods disable most security mechanisms and must be disallowed.

Restricted Fields:
spec.containers[*].securityContext.privileged
spec.initContainers[*].securityContext.privileged

Allowed Values: false, undefined/null

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_privileged.go
*/

import type { Container } from '../../k8s/types';
import { ALLOWED, forbidden, type PssCheck } from '../check';
import { containersWhere, quotedContainers } from '../helpers';

function isPrivileged(c: Container): boolean {
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
      check(_meta, spec) {
        const found = containersWhere(spec, isPrivileged, 'securityContext.privileged');
        if (found === undefined) return ALLOWED;
        return forbidden('privileged', `${quotedContainers(found.names)} must not set securityContext.privileged=true`, found.fields);
      },
    },
  ],
};
