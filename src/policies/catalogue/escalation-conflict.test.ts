import { policyCases } from '../../../test/support/policy-cases';
import { escalationConflict } from './escalation-conflict';

policyCases(escalationConflict, [
  { name: 'privileged with escalation allowed', spec: { containers: [{ name: 'a', securityContext: { privileged: true } }] } },
  {
    name: 'SYS_ADMIN (not the CAP_ spelling validation compares) with false',
    spec: { containers: [{ name: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] } } }] },
  },
  {
    name: 'privileged with allowPrivilegeEscalation=false',
    spec: { containers: [{ name: 'a', securityContext: { privileged: true, allowPrivilegeEscalation: false } }] },
    findings: [
      {
        detail: 'container "a" sets allowPrivilegeEscalation=false with privileged=true: the API server rejects this',
        fields: ['spec.containers[0].securityContext.allowPrivilegeEscalation', 'spec.containers[0].securityContext.privileged'],
        container: 'a',
      },
    ],
  },
  {
    name: 'CAP_SYS_ADMIN with allowPrivilegeEscalation=false',
    spec: { containers: [{ name: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } } }] },
    findings: [
      {
        detail: 'container "a" sets allowPrivilegeEscalation=false with capabilities.add CAP_SYS_ADMIN: the API server rejects this',
        fields: ['spec.containers[0].securityContext.allowPrivilegeEscalation', 'spec.containers[0].securityContext.capabilities.add'],
        container: 'a',
      },
    ],
  },
]);
