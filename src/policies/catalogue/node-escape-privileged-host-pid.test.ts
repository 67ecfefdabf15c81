import { policyCases } from '../../../test/support/policy-cases';
import { nodeEscapePrivilegedHostPid } from './node-escape-privileged-host-pid';

policyCases(nodeEscapePrivilegedHostPid, [
  { name: 'privileged without hostPID', spec: { containers: [{ name: 'a', securityContext: { privileged: true } }] } },
  { name: 'hostPID without privileged', spec: { hostPID: true, containers: [{ name: 'a' }] } },
  {
    name: 'both, reported once for two privileged containers',
    spec: {
      hostPID: true,
      initContainers: [{ name: 'i', securityContext: { privileged: true } }],
      containers: [{ name: 'a', securityContext: { privileged: true } }],
    },
    findings: [
      {
        detail:
          'pod sets hostPID=true and containers "i", "a" are privileged: "nsenter --target 1 --mount --uts --ipc --net --pid" gives a root shell on the node',
        fields: ['spec.hostPID', 'spec.initContainers[0].securityContext.privileged', 'spec.containers[0].securityContext.privileged'],
      },
    ],
  },
]);
