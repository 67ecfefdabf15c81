import { policyCases } from '../../../test/support/policy-cases';
import { privilegeEscalationAllowed } from './privilege-escalation-allowed';

policyCases(privilegeEscalationAllowed, [
  { name: 'false', spec: { containers: [{ name: 'a', securityContext: { allowPrivilegeEscalation: false } }] } },
  { name: 'Windows pods cannot set it', spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] } },
  {
    name: 'unset and true',
    spec: { containers: [{ name: 'a' }, { name: 'b', securityContext: { allowPrivilegeEscalation: true } }] },
    findings: [
      {
        detail: 'container "a" does not set allowPrivilegeEscalation=false',
        fields: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
        container: 'a',
      },
      {
        detail: 'container "b" does not set allowPrivilegeEscalation=false',
        fields: ['spec.containers[1].securityContext.allowPrivilegeEscalation'],
        container: 'b',
      },
    ],
  },
]);
