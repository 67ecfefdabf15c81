/*
Seccomp profiles must be specified, and only runtime default and localhost profiles are allowed.

v1.19+:
Restricted Fields:
spec.securityContext.seccompProfile.type
spec.containers[*].securityContext.seccompProfile.type
spec.initContainers[*].securityContext.seccompProfile.type

Allowed Values: 'RuntimeDefault', 'Localhost'
Note: container-level fields may be undefined if pod-level field is specified.

v1.25+: Windows pods (spec.os.name: windows) are exempt; the API server rejects seccomp settings
on them (KEP-2802).

Replaces seccompProfile_baseline at the restricted level.

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_seccompProfile_restricted.go
*/

import type { SeccompProfile } from '../../k8s/types';
import { ALLOWED, forbidden, type CheckPodFn, type CheckResult, type PssCheck } from '../check';
import { goString, sortedUnique } from '../go-strings';
import { anyContainer, badSetters, containerField, exempting, isWindowsPod, joinQuote, nameOf, profileOf, quotedContainers } from '../helpers';
import { podFacts, type ContainerFields, type PodFacts } from '../pod-facts';

const POD_FIELD = 'spec.securityContext.seccompProfile.type';
const FIELD = 'securityContext.seccompProfile.type';

function isValid(profile: SeccompProfile | undefined): boolean {
  return profile !== undefined && (profile.type === 'RuntimeDefault' || profile.type === 'Localhost');
}

function containerProfile(c: ContainerFields): SeccompProfile | undefined {
  return profileOf(c.securityContext, 'seccompProfile');
}

function hasBadProfile(c: ContainerFields): boolean {
  const profile = containerProfile(c);
  return profile !== undefined && !isValid(profile);
}

function lacksValidProfile(c: ContainerFields): boolean {
  return !isValid(containerProfile(c));
}

/** The forbidden result: bad types set by the pod or containers, else the containers left without a profile. */
function report(pod: PodFacts, podProfile: SeccompProfile | undefined, podValid: boolean): CheckResult {
  const podBad = podProfile !== undefined && !podValid;
  // Explicitly bad values: the pod's and those of containers that set their own profile.
  let explicitNames: string[] | undefined;
  let values: string[] | undefined;
  let explicitFields: string[] | undefined;
  if (podBad) {
    values = [goString(podProfile!.type)];
    explicitFields = [POD_FIELD];
  }
  // Containers that set no profile while the pod sets no valid one.
  let implicitNames: string[] | undefined;
  let implicitFields: string[] | undefined;
  const containers = pod.containers;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]!;
    const profile = containerProfile(c);
    if (profile !== undefined) {
      if (!isValid(profile)) {
        (explicitNames ??= []).push(nameOf(c));
        (values ??= []).push(goString(profile.type));
        (explicitFields ??= []).push(containerField(c.list, c.index, FIELD));
      }
    } else if (!podValid) {
      (implicitNames ??= []).push(nameOf(c));
      (implicitFields ??= [POD_FIELD]).push(containerField(c.list, c.index, FIELD));
    }
  }

  if (values !== undefined) {
    return forbidden(
      'seccompProfile',
      `${badSetters(podBad, explicitNames)} must not set securityContext.seccompProfile.type to ${joinQuote(values.length === 1 ? values : sortedUnique(values))}`,
      explicitFields!,
    );
  }
  // Setting the pod-level field alone would fix this, so it is reported first.
  return forbidden(
    'seccompProfile',
    `pod or ${quotedContainers(implicitNames ?? [])} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    implicitFields ?? [POD_FIELD],
  );
}

const seccompProfile_restricted_1_19: CheckPodFn = (_meta, spec, pod = podFacts(spec)) => {
  const podProfile = profileOf(spec.securityContext, 'seccompProfile');
  const podValid = isValid(podProfile);
  const podBad = podProfile !== undefined && !podValid;
  // With a valid pod profile, containers need only not override it badly; without one, each needs its own.
  if (!podBad && !(podValid ? anyContainer(pod, hasBadProfile) : anyContainer(pod, lacksValidProfile))) return ALLOWED;
  return report(pod, podProfile, podValid);
};

export const seccompProfile_restricted: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'Seccomp',
  description: 'Seccomp profile must be explicitly set to one of the allowed values. Both the Unconfined profile and the absence of a profile are prohibited.',
  versions: [
    { since: 'v1.19', check: seccompProfile_restricted_1_19, overrides: ['seccompProfile_baseline'] },
    // KEP-2802: seccomp does not apply to Windows pods, so they are admitted without one.
    { since: 'v1.25', check: exempting(isWindowsPod, seccompProfile_restricted_1_19), overrides: ['seccompProfile_baseline'] },
  ],
};
