// Pod Security Standards levels, least to most restrictive.
// Upstream: staging/src/k8s.io/pod-security-admission/api/constants.go (Level values).

export const LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type Level = (typeof LEVELS)[number];
/** Checks belong to baseline or restricted; privileged has no checks. */
export type CheckLevel = Exclude<Level, 'privileged'>;

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}
