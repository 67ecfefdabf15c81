// The registry of Pod Security Standards checks: validated once, then the checks that apply to
// each (level, version) are precomputed, as upstream's checkRegistry does
// (staging/src/k8s.io/pod-security-admission/policy/registry.go).

import type { PssCheck, VersionedCheck } from './check';
import type { Level } from './levels';
import { effectiveMinor, minorOf, NEWEST_MINOR, type PolicyVersion } from './version';
import { PSS_CHECKS } from './checks';

/** One check as it applies at one version. */
export interface ActiveCheck {
  readonly id: string;
  readonly level: 'baseline' | 'restricted';
  readonly versioned: VersionedCheck;
}

/** Lists every problem with a set of checks (empty when valid). */
export function validateChecks(checks: readonly PssCheck[]): string[] {
  const problems: string[] = [];
  const levels = new Map<string, string>();
  for (const c of checks) {
    if (levels.has(c.id)) problems.push(`multiple checks registered for ID ${c.id}`);
    levels.set(c.id, c.level);
    if (c.level !== 'baseline' && c.level !== 'restricted') problems.push(`check ${c.id}: invalid level ${String(c.level)}`);
    if (c.versions.length === 0) problems.push(`check ${c.id}: empty`);
    let previous = -1;
    for (const v of c.versions) {
      let minor: number;
      try {
        minor = minorOf(v.since);
      } catch {
        problems.push(`check ${c.id}: invalid version ${JSON.stringify(v.since)}`);
        continue;
      }
      if (minor <= previous) problems.push(`check ${c.id}: versions must be strictly increasing (${v.since})`);
      if (minor > NEWEST_MINOR) problems.push(`check ${c.id}: version ${v.since} is newer than v1.${NEWEST_MINOR}`);
      previous = minor;
    }
  }
  for (const c of checks) {
    for (const v of c.versions) {
      for (const id of v.overrides ?? []) {
        if (c.level !== 'restricted') problems.push(`check ${c.id}: only restricted checks may set overrides`);
        const overridden = levels.get(id);
        if (overridden === undefined) problems.push(`check ${c.id}: overrides unknown check ${id}`);
        else if (overridden !== 'baseline') problems.push(`check ${c.id}: overrides ${overridden} check ${id}`);
      }
    }
  }
  return problems;
}

/** The version of a check in force at `minor`, or undefined before its first version. */
function versionAt(check: PssCheck, minor: number): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const v of check.versions) {
    if (minorOf(v.since) <= minor) found = v;
    else break;
  }
  return found;
}

export class Registry {
  private readonly byLevel: { baseline: ActiveCheck[][]; restricted: ActiveCheck[][] };
  readonly checks: readonly PssCheck[];

  constructor(checks: readonly PssCheck[]) {
    const problems = validateChecks(checks);
    if (problems.length > 0) throw new Error(`invalid Pod Security Standards checks:\n  ${problems.join('\n  ')}`);
    this.checks = checks;
    // Upstream orders results by check id, baseline checks first, then restricted ones.
    const sorted = (level: string) => checks.filter((c) => c.level === level).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ordered = [...sorted('baseline'), ...sorted('restricted')];
    this.byLevel = { baseline: [], restricted: [] };
    for (let minor = 0; minor <= NEWEST_MINOR; minor++) {
      const active: ActiveCheck[] = [];
      for (const c of ordered) {
        const v = versionAt(c, minor);
        if (v) active.push({ id: c.id, level: c.level, versioned: v });
      }
      const overridden = new Set(active.flatMap((a) => (a.level === 'restricted' ? (a.versioned.overrides ?? []) : [])));
      this.byLevel.baseline.push(active.filter((a) => a.level === 'baseline'));
      this.byLevel.restricted.push(active.filter((a) => !overridden.has(a.id)));
    }
  }

  /** The checks to run for a level and version, in upstream's order. */
  checksFor(level: Level, version: PolicyVersion): readonly ActiveCheck[] {
    if (level === 'privileged') return [];
    return this.byLevel[level][effectiveMinor(version)]!;
  }

  byId(id: string): PssCheck | undefined {
    return this.checks.find((c) => c.id === id);
  }
}

let shared: Registry | undefined;

/** The registry of all built-in checks, built and validated on first use. */
export function pssRegistry(): Registry {
  return (shared ??= new Registry(PSS_CHECKS));
}
