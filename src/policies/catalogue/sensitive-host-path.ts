/*
A hostPath volume onto the node's root, configuration, credentials, kernel interfaces or other
pods' data. Critical at every level, read-only or not.
*/

import type { PodPolicy } from '../policy';
import { hasHostPathVolume, hostPathVolumes, sensitiveReason } from '../host-paths';
import { REF } from '../references';
import { perPod } from '../visit';

export const sensitiveHostPath: PodPolicy = {
  id: 'sensitive-host-path',
  title: 'Sensitive host path mounted',
  severity: 'critical',
  category: 'filesystem',
  preset: 'recommended',
  rationale:
    "Mounting /, /etc, /proc, /sys, /var/lib/kubelet, /var/log and similar trees exposes the node's credentials, other pods' " +
    "secrets and kernel controls. Read-only is not enough: reading the kubelet's or another pod's credentials is already a " +
    'takeover, and writable mounts of these trees are direct escapes. Reported at every level, including privileged.',
  remediation:
    'Remove the volume, or mount only the specific, non-sensitive file the workload needs, read-only. Use a node agent with its own exception when node access is the point.',
  references: [REF.hostPath, REF.nsa, REF.cis('5.2.12', 'Minimize the admission of HostPath volumes')],
  check: perPod(
    (spec) => hasHostPathVolume(spec) && hostPathVolumes(spec).some((v) => sensitiveReason(v.path) !== undefined),
    (spec) =>
      hostPathVolumes(spec)
        .filter((v) => sensitiveReason(v.path) !== undefined)
        .map((v) => ({
          detail: `volume ${JSON.stringify(v.name)} mounts host path ${JSON.stringify(v.path)}: ${sensitiveReason(v.path)!.why}`,
          fields: [`spec.volumes[${v.index}].hostPath.path`],
        })),
  ),
};
