// Pod Security Standards levels, least to most restrictive.
// Upstream: staging/src/k8s.io/pod-security-admission/api/constants.go (Level values).

export const LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type Level = (typeof LEVELS)[number];
/** Checks belong to baseline or restricted; privileged has no checks. */
export type CheckLevel = Exclude<Level, 'privileged'>;

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/**
 * Strictness order, the one comparison every caller uses. Upstream: api/helpers.go CompareLevels:
 * 0 when equal, -1 when `a` is less strict than `b`, +1 when `a` is stricter.
 */
export function compareLevels(a: Level, b: Level): -1 | 0 | 1 {
  const ia = LEVELS.indexOf(a);
  const ib = LEVELS.indexOf(b);
  return ia === ib ? 0 : ia < ib ? -1 : 1;
}
