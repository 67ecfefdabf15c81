// The set of policies podguard runs: the built-in catalogue, plus policies a configuration adds
// (custom policies). Everything that needs "every policy" — presets, configuration validation,
// SARIF rules, exceptions lint, the fixer, docs — asks a registry instead of reading a global
// list, so added policies behave exactly like built-in ones. A registry is validated once, when
// it is made: every problem is listed together.

import { BUILTIN_POLICIES } from './catalogue';
import type { Policy } from './policy';
import { inPreset, type Adjustment, type Preset } from './presets';
import { pssRegistry } from '../pss/registry';

const POLICY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class PolicyRegistry {
  /** In registration order: the catalogue's order, then added policies in the order given. */
  readonly policies: readonly Policy[];
  private readonly byId: ReadonlyMap<string, Policy>;
  private readonly presetCache = new Map<string, readonly Policy[]>();
  private known: ReadonlySet<string> | undefined;

  /** Throws with every problem listed when ids are malformed, repeated, or taken by the standard. */
  constructor(policies: readonly Policy[]) {
    const problems = validatePolicies(policies);
    if (problems.length > 0) throw new Error(`invalid policy registry:\n  ${problems.join('\n  ')}`);
    this.policies = Object.freeze([...policies]);
    this.byId = new Map(policies.map((p) => [p.id, p]));
  }

  get(id: string): Policy | undefined {
    return this.byId.get(id);
  }

  /** Every check id podguard can report with this registry: the 19 PSS ids, then the policies'. */
  knownCheckIds(): ReadonlySet<string> {
    return (this.known ??= new Set([...pssRegistry().checks.map((c) => c.id), ...this.policies.map((p) => p.id)]));
  }

  /** A new registry in which each of `replacements` takes the place of the policy with its id (profile inventories). */
  replacing(replacements: readonly Policy[]): PolicyRegistry {
    const byId = new Map(replacements.map((p) => [p.id, p]));
    return new PolicyRegistry(this.policies.map((p) => byId.get(p.id) ?? p));
  }

  /** A new registry with `added` after this one's policies (this one is unchanged). */
  with(added: readonly Policy[]): PolicyRegistry {
    return added.length === 0 ? this : new PolicyRegistry([...this.policies, ...added]);
  }

  /**
   * The policies to run, in registry order: the preset's, then each adjustment in turn (its
   * includes added, then its excludes removed), so a later adjustment (a namespace's) can undo an
   * earlier one (the top level's). Ids that are not policies are ignored here; the config loader
   * reports them. Equal inputs return the same array, so the engine's per-profile cache is shared.
   */
  forPreset(preset: Preset, ...adjustments: readonly Adjustment[]): readonly Policy[] {
    const key = JSON.stringify([preset, adjustments.map((a) => [a.include ?? [], a.exclude ?? []])]);
    let found = this.presetCache.get(key);
    if (!found) {
      const chosen = new Set(this.policies.filter((p) => inPreset(p, preset)).map((p) => p.id));
      for (const a of adjustments) {
        for (const id of a.include ?? []) chosen.add(id);
        for (const id of a.exclude ?? []) chosen.delete(id);
      }
      found = Object.freeze(this.policies.filter((p) => chosen.has(p.id)));
      this.presetCache.set(key, found);
    }
    return found;
  }
}

export function validatePolicies(policies: readonly Policy[]): string[] {
  const problems: string[] = [];
  const pssIds = new Set(pssRegistry().checks.map((c) => c.id));
  const seen = new Set<string>();
  for (const p of policies) {
    if (!POLICY_ID.test(p.id)) problems.push(`${JSON.stringify(p.id)}: a policy id is kebab-case (a-z, 0-9, single dashes)`);
    if (pssIds.has(p.id)) problems.push(`${p.id}: the id of a Pod Security Standards check cannot name a policy`);
    if (seen.has(p.id)) problems.push(`${p.id}: registered twice`);
    seen.add(p.id);
    if (p.target === 'object' && p.kinds.length === 0) problems.push(`${p.id}: an object policy names at least one kind (or '*')`);
  }
  return problems;
}

let builtin: PolicyRegistry | undefined;

/** The built-in catalogue as a registry (made and validated once). */
export function builtinPolicies(): PolicyRegistry {
  return (builtin ??= new PolicyRegistry(BUILTIN_POLICIES));
}
