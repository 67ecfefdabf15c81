import { policyCases } from '../../../test/support/policy-cases';
import { lowUserId } from './low-user-id';

policyCases(lowUserId, [
  { name: 'unset', spec: { containers: [{ name: 'a' }] } },
  { name: '10000 and above', spec: { securityContext: { runAsUser: 10000 }, containers: [{ name: 'a' }] } },
  { name: "UID 0 is another policy's concern", spec: { securityContext: { runAsUser: 0 }, containers: [{ name: 'a' }] } },
  {
    name: 'container override above 10000 wins',
    spec: { securityContext: { runAsUser: 1000 }, containers: [{ name: 'a', securityContext: { runAsUser: 10001 } }] },
  },
  {
    name: 'UID 1000 from the pod',
    spec: { securityContext: { runAsUser: 1000 }, containers: [{ name: 'a' }] },
    findings: [
      { detail: 'container "a" runs as UID 1000, below 10000, which may be a user on the node', fields: ['spec.securityContext.runAsUser'], container: 'a' },
    ],
  },
  {
    name: 'UID 9999 on an ephemeral container',
    spec: { containers: [{ name: 'a', securityContext: { runAsUser: 10001 } }], ephemeralContainers: [{ name: 'dbg', securityContext: { runAsUser: 9999 } }] },
    findings: [
      {
        detail: 'container "dbg" runs as UID 9999, below 10000, which may be a user on the node',
        fields: ['spec.ephemeralContainers[0].securityContext.runAsUser'],
        container: 'dbg',
      },
    ],
  },
]);
