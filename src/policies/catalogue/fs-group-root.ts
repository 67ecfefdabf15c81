/*
fsGroup: 0 makes every volume that supports ownership management group-owned by root and adds
GID 0 to every container's groups.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { isWindowsPod, podSecurityContext } from '../resolve';
import { perPod } from '../visit';

export const fsGroupRoot: PodPolicy = {
  id: 'fs-group-root',
  title: 'Pod fsGroup is 0',
  severity: 'medium',
  category: 'identity',
  preset: 'recommended',
  rationale:
    "The kubelet changes the group of supported volumes to fsGroup and adds fsGroup to every container's supplementary groups. " +
    'With fsGroup: 0 every container in the pod gets the root group, and the volumes become root-group owned.',
  remediation: 'Set fsGroup to a non-zero GID (10000 or above), or remove it if no volume needs shared group ownership.',
  references: [REF.securityContext, REF.nsa],
  check: perPod(
    (spec) => !isWindowsPod(spec) && podSecurityContext(spec)?.fsGroup === 0,
    () => [{ detail: 'pod sets fsGroup=0, giving every container and volume the root group', fields: ['spec.securityContext.fsGroup'] }],
  ),
};
