/*
runAsNonRoot: true with runAsUser: 0 (effective values, resolved the kubelet's way): the kubelet
refuses to start the container.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { effective, effectivePath } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const runAsNonRootConflict: PodPolicy = {
  id: 'run-as-non-root-conflict',
  title: 'runAsNonRoot with UID 0: container will not start',
  severity: 'high',
  category: 'will-not-run',
  preset: 'recommended',
  rationale:
    'The kubelet verifies runAsNonRoot before starting a container; with an effective runAsUser of 0 it refuses ' +
    '(CreateContainerConfigError: "container\'s runAsUser breaks non-root policy"). The pod is admitted and never runs. A pod ' +
    'value and a container override combine the way the kubelet resolves them, so the conflict is easy to miss.',
  remediation: 'Set runAsUser to a non-zero UID, or remove runAsUser: 0.',
  references: [REF.securityContext],
  check: perContainer(
    (c, spec) => effective(spec, c, 'runAsNonRoot') === true && effective(spec, c, 'runAsUser') === 0,
    (c, path, spec, name) => ({
      detail: `${containerLabel(name)} sets runAsNonRoot=true but runs as UID 0: the kubelet will refuse to start it`,
      fields: [effectivePath(spec, c, path, 'runAsNonRoot'), effectivePath(spec, c, path, 'runAsUser')],
    }),
  ),
};
