/*
A Linux container with no seccomp profile on itself or on the pod runs Unconfined unless the
kubelet's SeccompDefault setting is on (it is off unless the node is configured for it).
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { effective, isWindowsPod } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const seccompProfileMissing: PodPolicy = {
  id: 'seccomp-profile-missing',
  title: 'No seccomp profile',
  severity: 'low',
  category: 'isolation',
  preset: 'recommended',
  rationale:
    "Without a seccompProfile the container runs with no system-call filter unless every node enables the kubelet's " +
    'seccompDefault setting, which is off by default. RuntimeDefault blocks the rarely used system calls behind most kernel ' +
    'exploits and almost never breaks applications.',
  remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod.',
  references: [REF.seccomp, REF.pss, REF.nsa, REF.cis('5.7.2', 'Ensure that the seccomp profile is set to docker/default in your pod definitions')],
  coveredBy: ['seccompProfile_restricted'],
  check: perContainer(
    (c, spec) => !isWindowsPod(spec) && (effective(spec, c, 'seccompProfile') as { type?: unknown } | undefined)?.type === undefined,
    (_c, path, _spec, name) => ({
      detail: `${containerLabel(name)} has no seccomp profile (set one on the pod or the container)`,
      fields: ['spec.securityContext.seccompProfile', `${path}.securityContext.seccompProfile`],
    }),
  ),
};
