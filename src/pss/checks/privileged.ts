/*
Privileged Pods disable most security mechanisms and must be disallowed.

Restricted Fields:
spec.containers[*].securityContext.privileged
spec.initContainers[*].securityContext.privileged

Allowed Values: false, undefined/null

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_privileged.go
*/

import { ALLOWED, forbidden, type PssCheck } from '../check';
import { joinQuote, nameOf, pluralize, visitContainers } from '../helpers';

export const privileged: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  title: 'Privileged Containers',
  description: 'Privileged Pods disable most security mechanisms and must be disallowed.',
  versions: [
    {
      since: 'v1.0',
      check(_meta, spec) {
        const names: string[] = [];
        const fields: string[] = [];
        visitContainers(spec, (c, path) => {
          if (c.securityContext?.privileged === true) {
            names.push(nameOf(c));
            fields.push(`${path}.securityContext.privileged`);
          }
        });
        if (names.length === 0) return ALLOWED;
        return forbidden(
          'privileged',
          `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must not set securityContext.privileged=true`,
          fields,
        );
      },
    },
  ],
};
