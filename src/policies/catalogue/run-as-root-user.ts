/*
A container whose effective runAsUser is 0 runs as root, whatever the image says.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { effective, effectivePath, isWindowsPod } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const runAsRootUser: PodPolicy = {
  id: 'run-as-root-user',
  title: 'Container runs as UID 0',
  severity: 'high',
  category: 'identity',
  preset: 'recommended',
  rationale:
    'runAsUser: 0 forces the container to run as root even when its image was built for an unprivileged user. Root inside the ' +
    'container is root on the node unless user namespaces are in use: files on any host mount, and many kernel interfaces, are ' +
    'open to it.',
  remediation: 'Remove runAsUser: 0, or set a non-zero UID (10000 or above, so it matches no user on the node).',
  references: [REF.pss, REF.securityContext, REF.nsa, REF.cis('5.2.6', 'Minimize the admission of root containers')],
  coveredBy: ['runAsUser'],
  check: perContainer(
    (c, spec) => !isWindowsPod(spec) && effective(spec, c, 'runAsUser') === 0,
    (c, path, spec, name) => {
      const field = effectivePath(spec, c, path, 'runAsUser');
      return { detail: `${containerLabel(name)} runs as UID 0${field.startsWith('spec.securityContext') ? ' (set on the pod)' : ''}`, fields: [field] };
    },
  ),
};
