// Pod Security Standards versions: "v1.N" or "latest".
// Upstream parsing: staging/src/k8s.io/pod-security-admission/api/helpers.go (ParseVersion) accepts
// exactly "latest" or "v<major>.<minor>" with major 1 and no leading "+", sign or extra parts.

/** The newest policy version podguard knows; later versions are evaluated as this one. */
export const NEWEST_MINOR = 37;

/** A parsed version: the minor number of v1.N, or 'latest'. */
export type PolicyVersion = number | 'latest';

const VERSION_RE = /^v1\.(0|[1-9][0-9]*)$/;

/** Parses "v1.N" or "latest"; returns undefined for anything else. */
export function parseVersion(text: string): PolicyVersion | undefined {
  if (text === 'latest') return 'latest';
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  const minor = Number(m[1]);
  return Number.isSafeInteger(minor) ? minor : undefined;
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
