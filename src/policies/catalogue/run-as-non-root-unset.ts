/*
A container that does not set runAsNonRoot=true (itself or through the pod) and has no non-zero
runAsUser runs as whatever user the image says, which is root for most images. With
runAsNonRoot=true the kubelet refuses to start a container whose user is root.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { effective, effectivePath, isWindowsPod } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const runAsNonRootUnset: PodPolicy = {
  id: 'run-as-non-root-unset',
  title: 'Container may run as root',
  severity: 'medium',
  category: 'identity',
  preset: 'strict',
  rationale:
    'Without runAsNonRoot=true or a non-zero runAsUser, the container runs as the user its image names — root, for most images. ' +
    'A process running as root inside the container is root on the node too unless user namespaces are in use, so any escape ' +
    '(a kernel bug, a writable host mount, a runtime flaw) starts with full privileges.',
  remediation:
    'Set securityContext.runAsNonRoot: true on the pod (or on each container), and run the image as a non-root user ' +
    '(a numeric USER in the image, or runAsUser in the manifest). Strict preset: images built to run as root need changing first.',
  references: [REF.pss, REF.securityContext, REF.nsa, REF.cis('5.2.6', 'Minimize the admission of root containers')],
  coveredBy: ['runAsNonRoot'],
  check: perContainer(
    (c, spec) =>
      !isWindowsPod(spec) &&
      effective(spec, c, 'runAsNonRoot') !== true &&
      !(typeof effective(spec, c, 'runAsUser') === 'number' && (effective(spec, c, 'runAsUser') as number) > 0),
    (c, path, spec, name) => ({
      detail: `${containerLabel(name)} does not set runAsNonRoot=true and has no non-zero runAsUser, so it runs as the image's user, often root`,
      fields: [effectivePath(spec, c, path, 'runAsNonRoot')],
    }),
  ),
};
