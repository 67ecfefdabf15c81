// Asks a check itself (a Pod Security Standards check, or a hardening policy) whether it allows a
// small probe pod, so a fix can tell which items of a list the check forbids (capabilities, for
// instance) without a copy of the check's allow-list that could drift from it.

import type { PodSpec } from '../../../k8s/types';
import { isPodPolicy } from '../../../policies/policy';
import { builtinPolicies } from '../../../policies/registry';
import type { Profile } from '../../../pss/evaluate';
import { pssRegistry } from '../../../pss/registry';
import { effectiveMinor, minorOf } from '../../../pss/version';

export function checkAllows(checkId: string, profile: Profile, spec: PodSpec): boolean {
  const policy = builtinPolicies().get(checkId);
  if (policy && isPodPolicy(policy)) return policy.check({}, spec).length === 0;
  const check = pssRegistry().byId(checkId);
  if (!check) throw new Error(`unknown check ${checkId}`);
  const minor = effectiveMinor(profile.version);
  const versioned = [...check.versions].reverse().find((v) => minorOf(v.since) <= minor);
  return versioned === undefined || versioned.check({}, spec).allowed;
}

/** Whether the check allows a container that adds just `capability` (and drops ALL). */
export function allowsAddedCapability(checkId: string, profile: Profile, capability: unknown): boolean {
  return checkAllows(checkId, profile, {
    containers: [{ name: 'probe', securityContext: { allowPrivilegeEscalation: false, capabilities: { add: [capability as string], drop: ['ALL'] } } }],
  });
}
