// Presets choose which hardening policies run; include and exclude adjust them by id.
//   pss          the Pod Security Standards only (no policies)
//   recommended  the standard plus policies a team can adopt without rewriting images (default)
//   strict       the standard plus every policy

import type { PolicyInfo } from './policy';

export const PRESETS = ['pss', 'recommended', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = 'recommended';

export function isPreset(value: unknown): value is Preset {
  return typeof value === 'string' && (PRESETS as readonly string[]).includes(value);
}

export function inPreset(policy: PolicyInfo, preset: Preset): boolean {
  return preset === 'strict' || (preset === 'recommended' && policy.preset === 'recommended');
}

/** One adjustment of a preset: ids to add, then ids to remove. */
export interface Adjustment {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}
