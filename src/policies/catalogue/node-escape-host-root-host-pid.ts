/*
The node's root filesystem mounted into a pod that also sees the node's processes. Reported once
per pod, as critical, at every level.
*/

import type { PodSpec } from '../../k8s/types';
import { hasHostPathVolume, hostPathVolumes } from '../host-paths';
import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { perPod } from '../visit';

function rootVolumes(spec: PodSpec) {
  return hostPathVolumes(spec).filter((v) => v.path === '/');
}

export const nodeEscapeHostRootHostPid: PodPolicy = {
  id: 'node-escape-host-root-host-pid',
  title: 'Node takeover: host root filesystem with host PID namespace',
  severity: 'critical',
  category: 'node-escape',
  preset: 'recommended',
  rationale:
    "With the node's / mounted and hostPID, the pod can `chroot` into the node's filesystem, read every credential on it, and " +
    "drop a systemd unit, cron job or SSH key that the node runs as root, while watching and signalling the node's processes " +
    '(for example restarting the kubelet so it picks up a change). The combination is reported once, as critical, at every level.',
  remediation: 'Remove the hostPath volume for / and hostPID. Mount only the specific file a node agent needs, read-only.',
  references: [REF.hostPath, REF.nsa, REF.cis('5.2.12', 'Minimize the admission of HostPath volumes')],
  check: perPod(
    (spec) => spec.hostPID === true && hasHostPathVolume(spec) && rootVolumes(spec).length > 0,
    (spec) => [
      {
        detail:
          `pod sets hostPID=true and mounts the node's root filesystem (volume ${rootVolumes(spec)
            .map((v) => JSON.stringify(v.name))
            .join(', ')}): ` + 'chroot into it and add a systemd unit or cron job to run commands as root on the node',
        fields: ['spec.hostPID', ...rootVolumes(spec).map((v) => `spec.volumes[${v.index}].hostPath.path`)],
      },
    ],
  ),
};
