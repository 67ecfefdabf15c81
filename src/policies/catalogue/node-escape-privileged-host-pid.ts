/*
A privileged container in a pod with hostPID: the node is one nsenter away. Reported once per
pod, as critical, at every level.
*/

import type { Container } from '../../k8s/types';
import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { containerSecurityContext } from '../resolve';
import { anyContainer, containersPhrase, containersWhere, perPod } from '../visit';

const privileged = (c: Container) => containerSecurityContext(c)?.privileged === true;

export const nodeEscapePrivilegedHostPid: PodPolicy = {
  id: 'node-escape-privileged-host-pid',
  title: 'Node takeover: privileged container with host PID namespace',
  severity: 'critical',
  category: 'node-escape',
  preset: 'recommended',
  rationale:
    'Together, hostPID and a privileged container are a root shell on the node: from the container, ' +
    "`nsenter --target 1 --mount --uts --ipc --net --pid -- sh` enters the namespaces of the node's init process with every " +
    'capability. This is how "node shell" debugging tools work. The combination is reported once, as critical, at every level.',
  remediation: 'Remove hostPID, or privileged, or both. For node debugging use `kubectl debug node/<name>` on demand instead of a standing workload.',
  references: [REF.pss, REF.nsa, REF.cis('5.2.3', 'Minimize the admission of containers wishing to share the host process ID namespace')],
  check: perPod(
    (spec) => spec.hostPID === true && anyContainer(spec, privileged),
    (spec) => {
      const { names, fields } = containersWhere(spec, privileged, 'securityContext.privileged');
      return [
        {
          detail: `pod sets hostPID=true and ${containersPhrase(names, 'is', 'are')} privileged: "nsenter --target 1 --mount --uts --ipc --net --pid" gives a root shell on the node`,
          fields: ['spec.hostPID', ...fields],
        },
      ];
    },
  ),
};
