/*
A container whose effective runAsGroup is 0 runs with the root group as its primary group.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { effective, effectivePath, isWindowsPod } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const runAsRootGroup: PodPolicy = {
  id: 'run-as-root-group',
  title: 'Container runs with GID 0',
  severity: 'medium',
  category: 'identity',
  preset: 'recommended',
  rationale:
    'Files on the node and in images are often group-writable by root (GID 0). A container whose primary group is 0 can ' +
    'write them wherever they are reachable, for example through a host mount, even when its UID is not root.',
  remediation: 'Set runAsGroup to a non-zero GID (10000 or above) on the pod or container.',
  references: [REF.securityContext, REF.nsa],
  check: perContainer(
    (c, spec) => !isWindowsPod(spec) && effective(spec, c, 'runAsGroup') === 0,
    (c, path, spec, name) => ({ detail: `${containerLabel(name)} runs with GID 0 (root group)`, fields: [effectivePath(spec, c, path, 'runAsGroup')] }),
  ),
};
