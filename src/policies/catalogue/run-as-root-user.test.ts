import { policyCases } from '../../../test/support/policy-cases';
import { runAsRootUser } from './run-as-root-user';

policyCases(runAsRootUser, [
  { name: 'unset', spec: { containers: [{ name: 'a' }] } },
  {
    name: "container overrides the pod's 0 with a non-zero UID",
    spec: { securityContext: { runAsUser: 0 }, containers: [{ name: 'a', securityContext: { runAsUser: 10001 } }] },
  },
  {
    name: 'a null container value inherits nothing bad',
    spec: { securityContext: { runAsUser: 10001 }, containers: [{ name: 'a', securityContext: { runAsUser: null as unknown as number } }] },
  },
  {
    name: 'pod sets 0 and the container inherits it',
    spec: { securityContext: { runAsUser: 0 }, containers: [{ name: 'a' }] },
    findings: [{ detail: 'container "a" runs as UID 0 (set on the pod)', fields: ['spec.securityContext.runAsUser'], container: 'a' }],
  },
  {
    name: 'container sets 0 over a non-root pod',
    spec: { securityContext: { runAsUser: 10001 }, containers: [{ name: 'ok' }, { name: 'b', securityContext: { runAsUser: 0 } }] },
    findings: [{ detail: 'container "b" runs as UID 0', fields: ['spec.containers[1].securityContext.runAsUser'], container: 'b' }],
  },
]);
