/*
A pod names a Localhost seccomp profile, AppArmor profile or SELinux type that no profile in the
configured inventory (podguard.yaml `profiles:`: a profiles folder or a bundle) provides. The
pod will not start on any node: CreateContainerError for seccomp, "apparmor profile not found"
for AppArmor. The inventory is data passed in through the policy registry, so the check stays
pure; without one this policy reports nothing.
*/

import type { PodPolicy, PolicyFinding } from '../policy';
import { PASS } from '../policy';
import { localhostReferences, NO_INVENTORY, type LocalhostReference, type ProfileInventory } from '../localhost-profiles';
import { didYouMean } from '../near-miss';
import { REF } from '../references';

const WHAT = { seccomp: 'seccomp profile', apparmor: 'AppArmor profile', selinux: 'SELinux type' } as const;

/**
 * SELinux types mostly come from the node's base policy (container_t, spc_t, …), which no profiles
 * folder holds: only a type written as `block.type` (a CIL module's, as udica writes them) or
 * one a known type is a near miss of is reported.
 */
function missing(ref: LocalhostReference, inventory: ProfileInventory): string | undefined {
  const known = inventory[ref.kind];
  if (known.has(ref.name)) return undefined;
  const hint = didYouMean(ref.name, known);
  if (ref.kind === 'selinux' && !ref.name.includes('.') && hint === '') return undefined;
  return hint;
}

export function localhostProfileMissingFor(inventory: ProfileInventory): PodPolicy {
  return {
    id: 'localhost-profile-missing',
    title: 'Localhost profile not provided',
    severity: 'high',
    category: 'will-not-run',
    preset: 'recommended',
    rationale:
      'A Localhost seccomp or AppArmor profile must exist on the node before the container starts; the kubelet does not ' +
      'fall back. A misspelt or never-installed profile keeps the pod from starting (CreateContainerError, or blocked with ' +
      '"apparmor profile not found") on every node. Checked against the profiles podguard.yaml names under `profiles:` ' +
      '(a profiles folder or a "podguard profiles bundle"); seccomp names are paths below the kubelet\'s seccomp folder, ' +
      'AppArmor names are the declared profile names (not file names).',
    remediation:
      'Name a profile the inventory provides (podguard suggests near misses), or add the profile to the profiles folder and ' +
      'bundle it; see docs/profiles.md.',
    references: [REF.seccomp, REF.apparmor],
    check: (meta, spec) => {
      if (!inventory.configured) return PASS;
      const refs = localhostReferences(meta, spec);
      if (refs.length === 0) return PASS;
      let out: PolicyFinding[] | undefined;
      for (const ref of refs) {
        const hint = missing(ref, inventory);
        if (hint === undefined) continue;
        (out ??= []).push({
          detail: `${ref.container !== undefined ? `container "${ref.container}"` : 'the pod'} names ${WHAT[ref.kind]} "${ref.name}", which ${inventory.source} does not provide${hint}`,
          fields: [ref.field],
          ...(ref.container !== undefined ? { container: ref.container } : {}),
        });
      }
      return out ?? PASS;
    },
  };
}

/** The catalogue's entry: with no inventory configured it reports nothing (registry.replacing puts the configured one in). */
export const localhostProfileMissing = localhostProfileMissingFor(NO_INVENTORY);
