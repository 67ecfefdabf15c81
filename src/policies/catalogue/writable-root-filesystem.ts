/*
A container whose root filesystem is writable lets an attacker change its binaries and drop tools.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { containerSecurityContext, isWindowsPod } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const writableRootFilesystem: PodPolicy = {
  id: 'writable-root-filesystem',
  title: 'Writable root filesystem',
  severity: 'medium',
  category: 'filesystem',
  preset: 'strict',
  rationale:
    "A writable root filesystem lets a compromised process replace the application's binaries, download tools and persist " +
    'until the container restarts. With readOnlyRootFilesystem: true, writes go only to volumes the manifest declares.',
  remediation:
    'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the application writes (for example /tmp). ' +
    'Strict preset: applications that write into their image need those paths found first.',
  references: [REF.securityContext, REF.nsa, REF.cis('5.7.3', 'Apply Security Context to Your Pods and Containers')],
  check: perContainer(
    (c, spec) => !isWindowsPod(spec) && containerSecurityContext(c)?.readOnlyRootFilesystem !== true,
    (_c, path, _spec, name) => ({
      detail: `${containerLabel(name)} does not set readOnlyRootFilesystem=true`,
      fields: [`${path}.securityContext.readOnlyRootFilesystem`],
    }),
  ),
};
