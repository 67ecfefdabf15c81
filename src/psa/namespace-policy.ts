// A namespace's Pod Security Admission policy: its enforce, audit and warn level and version, read
// from the `pod-security.kubernetes.io/*` labels with upstream's fallbacks for values that do not
// parse. Upstream: staging/src/k8s.io/pod-security-admission/api/helpers.go (ParseLevel,
// ParseVersion, PolicyToEvaluate) and api/constants.go (label names). Version syntax is
// src/pss/version.ts, level order src/pss/levels.ts (CompareLevels): one copy of each.

import { isLevel, LEVELS, type Level } from '../pss/levels';
import type { Profile } from '../pss/evaluate';
import { parseVersion } from '../pss/version';
import type { FieldError } from './field-error';

/** A level and a version as upstream's LevelVersion holds them; `version` is canonical text ("latest", "v1.25"). */
export interface LevelVersion {
  readonly level: Level;
  readonly version: string;
}

export interface NamespacePolicy {
  readonly enforce: LevelVersion;
  readonly audit: LevelVersion;
  readonly warn: LevelVersion;
}

export const MODES = ['enforce', 'audit', 'warn'] as const;
export type Mode = (typeof MODES)[number];

const PREFIX = 'pod-security.kubernetes.io/';

/** The level and version label of each mode, in the order upstream reads them. */
export const POLICY_LABELS: Readonly<Record<Mode, { readonly level: string; readonly version: string }>> = {
  enforce: { level: `${PREFIX}enforce`, version: `${PREFIX}enforce-version` },
  audit: { level: `${PREFIX}audit`, version: `${PREFIX}audit-version` },
  warn: { level: `${PREFIX}warn`, version: `${PREFIX}warn-version` },
};

/** Upstream's error texts (helpers.go). */
export const LEVEL_ERROR = `must be one of ${LEVELS.join(', ')}`;
export const VERSION_ERROR = 'must be "latest" or "v1.x"';

/** What an unparseable level label falls back to: enforce fails closed, audit and warn fail open. */
const LEVEL_FALLBACK: Readonly<Record<Mode, Level>> = { enforce: 'restricted', audit: 'privileged', warn: 'privileged' };

/**
 * ParseVersion as a LevelVersion keeps it: the text itself when src/pss/version.ts accepts it
 * (an accepted text is already canonical: Version.String() prints it back unchanged), else undefined.
 */
export function parsePolicyVersion(text: string): string | undefined {
  return parseVersion(text) === undefined ? undefined : text;
}

export function levelVersionString(lv: LevelVersion): string {
  return `${lv.level}:${lv.version}`;
}

/** The profile the checks run at. Versions beyond what podguard knows are evaluated as the newest. */
export function toProfile(lv: LevelVersion): Profile {
  return { level: lv.level, version: parseVersion(lv.version) ?? 'latest' };
}

export function sameLevelVersion(a: LevelVersion, b: LevelVersion): boolean {
  return a.level === b.level && a.version === b.version;
}

function labelError(label: string, value: string, detail: string): FieldError {
  // field.NewPath("metadata", "labels").Key(label): keys print in brackets, unquoted.
  return { type: 'FieldValueInvalid', field: `metadata.labels[${label}]`, badValue: value, detail };
}

/**
 * PolicyToEvaluate: the namespace's policy from its labels, falling back to `defaults` for modes
 * without labels. A usable policy always comes back, with an error for each label that did not
 * parse (and so fell back: restricted for enforce, privileged for audit and warn, latest for versions).
 */
export function policyToEvaluate(
  labels: Readonly<Record<string, unknown>> | undefined,
  defaults: NamespacePolicy,
): { policy: NamespacePolicy; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!labels) return { policy: defaults, errors };
  const out: Record<Mode, LevelVersion> = { ...defaults };
  let any = false;
  for (const mode of MODES) {
    const names = POLICY_LABELS[mode];
    let { level, version } = out[mode];
    const levelValue = labels[names.level];
    if (typeof levelValue === 'string') {
      any = true;
      if (isLevel(levelValue)) level = levelValue;
      else {
        level = LEVEL_FALLBACK[mode];
        errors.push(labelError(names.level, levelValue, LEVEL_ERROR));
      }
    }
    const versionValue = labels[names.version];
    if (typeof versionValue === 'string') {
      any = true;
      const parsed = parsePolicyVersion(versionValue);
      if (parsed !== undefined) version = parsed;
      else {
        version = 'latest';
        errors.push(labelError(names.version, versionValue, VERSION_ERROR));
      }
    }
    out[mode] = { level, version };
  }
  return { policy: any ? out : defaults, errors };
}
