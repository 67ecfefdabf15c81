import { policyCases } from '../../../test/support/policy-cases';
import { nodeEscapePtraceHostPid } from './node-escape-ptrace-host-pid';

policyCases(nodeEscapePtraceHostPid, [
  { name: 'SYS_PTRACE without hostPID', spec: { containers: [{ name: 'a', securityContext: { capabilities: { add: ['SYS_PTRACE'] } } }] } },
  {
    name: 'hostPID and other capabilities',
    spec: { hostPID: true, containers: [{ name: 'a', securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } }] },
  },
  {
    name: 'hostPID with CAP_SYS_PTRACE on a debug container',
    spec: {
      hostPID: true,
      containers: [{ name: 'a' }],
      ephemeralContainers: [{ name: 'dbg', securityContext: { capabilities: { add: ['CAP_SYS_PTRACE'] } } }],
    },
    findings: [
      {
        detail:
          'pod sets hostPID=true and container "dbg" adds SYS_PTRACE: attaching to a root process on the node (the kubelet, the container runtime) runs code as root on the node',
        fields: ['spec.hostPID', 'spec.ephemeralContainers[0].securityContext.capabilities.add'],
      },
    ],
  },
]);
