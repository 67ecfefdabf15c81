import { policyCases } from '../../../test/support/policy-cases';
import { seccompProfileMissing } from './seccomp-profile-missing';

policyCases(seccompProfileMissing, [
  { name: 'set on the pod', spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'a' }] } },
  {
    name: 'set on each container',
    spec: { containers: [{ name: 'a', securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } }] },
  },
  {
    name: "explicit Unconfined is another policy's concern",
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }] },
  },
  {
    name: 'set on one container only',
    spec: { containers: [{ name: 'a', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, { name: 'b' }] },
    findings: [
      {
        detail: 'container "b" has no seccomp profile (set one on the pod or the container)',
        fields: ['spec.securityContext.seccompProfile', 'spec.containers[1].securityContext.seccompProfile'],
        container: 'b',
      },
    ],
  },
]);
