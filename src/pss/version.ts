// Pod Security Standards versions: "v1.N" or "latest". The one version parser: the CLI's
// --version, podguard.yaml, PodSecurityConfiguration defaults and namespace labels all use it.
// Upstream: staging/src/k8s.io/pod-security-admission/api/helpers.go ParseVersion: "latest", or
// `^v1\.([0-9]|[1-9][0-9]*)$` whose number Go's strconv.Atoi accepts (at most 2^63-1).

/** The newest policy version podguard knows; later versions are evaluated as this one. */
export const NEWEST_MINOR = 37;

/** A parsed version: the minor number of v1.N, or 'latest'. */
export type PolicyVersion = number | 'latest';

const VERSION_RE = /^v1\.(0|[1-9][0-9]*)$/;
const GO_MAX_INT = 9223372036854775807n;

/**
 * Parses "v1.N" or "latest"; returns undefined for anything else. A minor beyond 2^53 is kept
 * approximately: every version newer than NEWEST_MINOR is evaluated as the newest anyway.
 */
export function parseVersion(text: string): PolicyVersion | undefined {
  if (text === 'latest') return 'latest';
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  const digits = m[1]!;
  if (digits.length > 19 || (digits.length === 19 && BigInt(digits) > GO_MAX_INT)) return undefined; // strconv.Atoi's range
  return Number(digits);
}

/** The minor version whose rules apply: latest and anything newer than known map to the newest. */
export function effectiveMinor(v: PolicyVersion): number {
  return v === 'latest' || v > NEWEST_MINOR ? NEWEST_MINOR : v;
}

export function formatVersion(v: PolicyVersion): string {
  return v === 'latest' ? 'latest' : `v1.${v}`;
}

/** "v1.25" → 25, for check declarations (which are trusted, so this throws on bad input). */
export function minorOf(since: string): number {
  const v = parseVersion(since);
  if (typeof v !== 'number') throw new Error(`invalid check version ${JSON.stringify(since)}`);
  return v;
}
