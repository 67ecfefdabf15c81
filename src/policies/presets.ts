// Presets choose which hardening policies run; include and exclude adjust them by id.
//   pss          the Pod Security Standards only (no policies)
//   recommended  the standard plus policies a team can adopt without rewriting images (default)
//   strict       the standard plus every policy

import { POLICIES } from './catalogue';
import type { Policy } from './policy';

export const PRESETS = ['pss', 'recommended', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = 'recommended';

export function isPreset(value: unknown): value is Preset {
  return typeof value === 'string' && (PRESETS as readonly string[]).includes(value);
}

export function inPreset(policy: Policy, preset: Preset): boolean {
  return preset === 'strict' || (preset === 'recommended' && policy.preset === 'recommended');
}

/** One adjustment of a preset: ids to add, then ids to remove. */
export interface Adjustment {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

const cache = new Map<string, readonly Policy[]>();

/**
 * The policies to run, in catalogue order: the preset's, then each adjustment in turn (its
 * includes added, then its excludes removed), so a later adjustment (a namespace's) can undo an
 * earlier one (the top level's). Ids that are not policies are ignored here; the config loader
 * reports them. Equal inputs return the same array, so the engine's per-profile cache is shared.
 */
export function policiesFor(preset: Preset, ...adjustments: readonly Adjustment[]): readonly Policy[] {
  const key = JSON.stringify([preset, adjustments.map((a) => [a.include ?? [], a.exclude ?? []])]);
  let found = cache.get(key);
  if (!found) {
    const chosen = new Set(POLICIES.filter((p) => inPreset(p, preset)).map((p) => p.id));
    for (const a of adjustments) {
      for (const id of a.include ?? []) chosen.add(id);
      for (const id of a.exclude ?? []) chosen.delete(id);
    }
    found = Object.freeze(POLICIES.filter((p) => chosen.has(p.id)));
    cache.set(key, found);
  }
  return found;
}

export function policyById(id: string): Policy | undefined {
  return POLICIES.find((p) => p.id === id);
}
