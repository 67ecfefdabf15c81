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
import { ALLOWED, forbidden, type CheckPodFn, type PssCheck } from '../check';
import { isWindowsPod, joinQuote, nameOf, pluralize, visitContainers } from '../helpers';

/** A string as the API server would decode it: absent or null is the empty string. */
function text(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** Go's sets.List(): unique and sorted by bytes (code points), not by UTF-16 units. */
function sortedUnique(values: readonly string[]): string[] {
  const out = [...new Set(values)];
  return out.sort((a, b) => {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < x.length && i < y.length; i++) {
      const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
      if (d !== 0) return d;
    }
    return x.length - y.length;
  });
}

function validType(t: unknown): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

/** The seccompProfile a security context sets, or undefined (null is unset, as in Go). */
function profileOf(sc: { readonly seccompProfile?: SeccompProfile } | undefined): SeccompProfile | undefined {
  const p = sc?.seccompProfile;
  return p !== null && typeof p === 'object' ? p : undefined;
}

const POD_FIELD = 'spec.securityContext.seccompProfile.type';

const checkSeccompRestricted: CheckPodFn = (_meta, spec) => {
  // Explicitly bad values: the pod's and those of containers that set their own profile.
  let podBad = false;
  let explicitNames: string[] | undefined;
  let values: string[] | undefined;
  let explicitFields: string[] | undefined;
  // Containers that set no profile while the pod sets no valid one.
  let implicitNames: string[] | undefined;
  let implicitFields: string[] | undefined;

  const podProfile = profileOf(spec.securityContext);
  const podValid = podProfile !== undefined && validType(podProfile.type);
  if (podProfile !== undefined && !podValid) {
    podBad = true;
    values = [text(podProfile.type)];
    explicitFields = [POD_FIELD];
  }
  visitContainers(spec, (c, path) => {
    const profile = profileOf(c.securityContext);
    if (profile !== undefined) {
      if (!validType(profile.type)) {
        (explicitNames ??= []).push(nameOf(c));
        (values ??= []).push(text(profile.type));
        (explicitFields ??= []).push(`${path}.securityContext.seccompProfile.type`);
      }
    } else if (!podValid) {
      (implicitNames ??= []).push(nameOf(c));
      (implicitFields ??= []).push(`${path}.securityContext.seccompProfile.type`);
    }
  });

  if (values !== undefined && explicitFields !== undefined) {
    const setters: string[] = [];
    if (podBad) setters.push('pod');
    if (explicitNames !== undefined) {
      setters.push(`${pluralize('container', 'containers', explicitNames.length)} ${joinQuote(explicitNames)}`);
    }
    return forbidden(
      'seccompProfile',
      `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(values))}`,
      explicitFields,
    );
  }
  // Setting the pod-level field alone would fix this, so it is reported first.
  if (implicitNames !== undefined && implicitFields !== undefined) {
    return forbidden(
      'seccompProfile',
      `pod or ${pluralize('container', 'containers', implicitNames.length)} ${joinQuote(implicitNames)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      [POD_FIELD, ...implicitFields],
    );
  }
  return ALLOWED;
};

export const seccompProfile_restricted: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'Seccomp',
  description:
    'Seccomp profile must be explicitly set to one of the allowed values. Both the Unconfined profile and the absence of a profile are prohibited.',
  versions: [
    { since: 'v1.19', check: checkSeccompRestricted, overrides: ['seccompProfile_baseline'] },
    {
      since: 'v1.25',
      // KEP-2802: seccomp does not apply to Windows pods, so they are admitted without one.
      check(meta, spec) {
        if (isWindowsPod(spec)) return ALLOWED;
        return checkSeccompRestricted(meta, spec);
      },
      overrides: ['seccompProfile_baseline'],
    },
  ],
};
