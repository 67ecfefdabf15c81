// Fix for the hardening policy seccomp-profile-missing: the pod-level RuntimeDefault profile.

import { defineFix } from '../engine/fix';
import { runtimeDefaultAt, SECCOMP_EXPLICIT, SECCOMP_UNSET } from './shared/seccomp';

export const seccompProfileMissing = defineFix({
  id: 'seccomp-profile-missing',
  summary: 'Give the pod the RuntimeDefault seccomp profile.',
  remedies: { unset: SECCOMP_UNSET, explicit: SECCOMP_EXPLICIT },
  // Every finding names a container without a profile; the pod-level profile covers them all.
  plan: ({ pod }) => ({ changes: runtimeDefaultAt(pod, 'spec.securityContext.seccompProfile.type'), manual: [] }),
});
