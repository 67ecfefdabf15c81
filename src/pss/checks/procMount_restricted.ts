/*
The default /proc masks are set up to reduce attack surface, and should be required.

Restricted Fields:
spec.containers[*].securityContext.procMount
spec.initContainers[*].securityContext.procMount

Allowed Values: undefined/null, "Default"

From policy version v1.35 the baseline procMount check allows any value for pods in a user namespace
(spec.hostUsers: false); at the restricted level this check replaces it and keeps the unconditional
rule. Before v1.35 the restricted level simply runs the baseline check, which was unconditional then.

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_procMount_restricted.go
*/

import type { PssCheck } from '../check';
import { procMount } from './procMount';

export const procMount_restricted: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  title: '/proc Mount Type',
  description: 'The default /proc masks are set up to reduce attack surface, and should be required.',
  versions: [
    {
      since: 'v1.35',
      // Upstream reuses the baseline check's unconditional v1.0 function, messages included.
      check: procMount.versions[0]!.check,
      overrides: ['procMount'],
    },
  ],
};
