/*
SYS_PTRACE (or ALL) added to a container in a pod with hostPID: any process on the node can be
attached to and made to run the attacker's code. Reported once per pod, as critical, at every level.
*/

import type { Container } from '../../k8s/types';
import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { capabilityList, listsCapability } from '../resolve';
import { anyContainer, containersPhrase, containersWhere, perPod } from '../visit';

const ptrace = (c: Container) => listsCapability(capabilityList(c, 'add'), 'SYS_PTRACE') || listsCapability(capabilityList(c, 'add'), 'ALL');

export const nodeEscapePtraceHostPid: PodPolicy = {
  id: 'node-escape-ptrace-host-pid',
  title: 'Node takeover: SYS_PTRACE with host PID namespace',
  severity: 'critical',
  category: 'node-escape',
  preset: 'recommended',
  rationale:
    "hostPID makes the node's processes visible; SYS_PTRACE allows attaching to them. A debugger (or a few lines of " +
    'shellcode) attached to a root process on the node, such as the kubelet or containerd, runs code as root on the node. ' +
    'The combination is reported once, as critical, at every level.',
  remediation: 'Remove hostPID, or SYS_PTRACE from capabilities.add. Debug node processes with `kubectl debug node/<name>` on demand.',
  references: [REF.capabilities, REF.nsa, REF.cis('5.2.3', 'Minimize the admission of containers wishing to share the host process ID namespace')],
  check: perPod(
    (spec) => spec.hostPID === true && anyContainer(spec, ptrace),
    (spec) => {
      const { names, fields } = containersWhere(spec, ptrace, 'securityContext.capabilities.add');
      return [
        {
          detail:
            `pod sets hostPID=true and ${containersPhrase(names, 'adds', 'add')} SYS_PTRACE: ` +
            'attaching to a root process on the node (the kubelet, the container runtime) runs code as root on the node',
          fields: ['spec.hostPID', ...fields],
        },
      ];
    },
  ),
};
