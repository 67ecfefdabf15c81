// Fix for the Pod Security Standards check seccompProfile_restricted (restricted).

import { defineFix, type PlannedChange } from '../engine/fix';
import { containerAt } from './shared/pod-paths';
import { runtimeDefaultAt, SECCOMP_EXPLICIT, SECCOMP_UNSET, type SeccompRemedy } from './shared/seccomp';

const POD_FIELD = 'spec.securityContext.seccompProfile.type';

export const seccompProfile_restricted = defineFix({
  id: 'seccompProfile_restricted',
  summary: 'Give the pod the RuntimeDefault seccomp profile; replace Unconfined profiles.',
  remedies: { unset: SECCOMP_UNSET, explicit: SECCOMP_EXPLICIT },
  plan({ pod, finding }) {
    const changes: PlannedChange<SeccompRemedy>[] = [];
    const settingPod = finding.fields.includes(POD_FIELD);
    for (const field of finding.fields) {
      const ref = containerAt(pod, field);
      // A container without a profile of its own inherits the pod's, which this plan sets.
      if (ref && settingPod && (ref.container.securityContext?.seccompProfile ?? null) === null) continue;
      changes.push(...runtimeDefaultAt(pod, field));
    }
    return { changes, manual: [] };
  },
});
