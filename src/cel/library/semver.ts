// Kubernetes' semver library (k8s.io/apiserver/pkg/cel/library/semverlib.go, SemverVersion(1)
// from v1.33): semver(s[, normalize]), isSemver(s[, normalize]), major, minor, patch,
// isLessThan, isGreaterThan, compareTo, ==. Parsing and ordering are blang/semver v4's
// (semver.go Parse, NewPRVersion, Compare); normalize is semverlib.go's normalizeAndParse.

import { charge, sizeCost } from '../cost';
import type { Registrar } from './types';

type Pre = { num?: bigint; str?: string };

export class CelSemver {
  static readonly celTypeName = 'kubernetes.Semver';
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: readonly Pre[],
  ) {}
}

const NUMBERS = '0123456789';
const ALPHANUM = '-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz' + NUMBERS;
const containsOnly = (s: string, set: string) => [...s].every((c) => set.includes(c));
const leadingZero = (s: string) => s.length > 1 && s[0] === '0';
const MAX_UINT64 = (1n << 64n) - 1n;

/** strconv.ParseUint(s, 10, 64) for a string of digits. */
function parseUint(s: string): bigint {
  if (s === '') throw new Error('strconv.ParseUint: parsing "": invalid syntax');
  const v = BigInt(s);
  if (v > MAX_UINT64) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return v;
}

function splitN3(s: string): string[] {
  const a = s.indexOf('.');
  if (a < 0) return [s];
  const b = s.indexOf('.', a + 1);
  return b < 0 ? [s.slice(0, a), s.slice(a + 1)] : [s.slice(0, a), s.slice(a + 1, b), s.slice(b + 1)];
}

function number(part: string, what: string): bigint {
  if (!containsOnly(part, NUMBERS)) throw new Error(`Invalid character(s) found in ${what} number ${JSON.stringify(part)}`);
  if (leadingZero(part)) throw new Error(`${what[0]!.toUpperCase()}${what.slice(1)} number must not contain leading zeroes ${JSON.stringify(part)}`);
  return parseUint(part);
}

/** semver.Parse (blang/semver v4). */
export function parseSemver(s: string): CelSemver {
  if (s.length === 0) throw new Error('Version string empty');
  const parts = splitN3(s);
  if (parts.length !== 3) throw new Error('No Major.Minor.Patch elements found');
  const major = number(parts[0]!, 'major');
  const minor = number(parts[1]!, 'minor');
  let patchStr = parts[2]!;
  let build: string[] = [];
  let pre: string[] = [];
  const plus = patchStr.indexOf('+');
  if (plus >= 0) {
    build = patchStr.slice(plus + 1).split('.');
    patchStr = patchStr.slice(0, plus);
  }
  const dash = patchStr.indexOf('-');
  if (dash >= 0) {
    pre = patchStr.slice(dash + 1).split('.');
    patchStr = patchStr.slice(0, dash);
  }
  const patch = number(patchStr, 'patch');
  const prs = pre.map((p): Pre => {
    if (p.length === 0) throw new Error('Prerelease is empty');
    if (containsOnly(p, NUMBERS)) {
      if (leadingZero(p)) throw new Error(`Numeric PreRelease version must not contain leading zeroes ${JSON.stringify(p)}`);
      return { num: parseUint(p) };
    }
    if (containsOnly(p, ALPHANUM)) return { str: p };
    throw new Error(`Invalid character(s) found in prerelease ${JSON.stringify(p)}`);
  });
  for (const b of build) {
    if (b.length === 0) throw new Error('Build meta data is empty');
    if (!containsOnly(b, ALPHANUM)) throw new Error(`Invalid character(s) found in build meta data ${JSON.stringify(b)}`);
  }
  return new CelSemver(major, minor, patch, prs);
}

/** normalizeAndParse: no "v" prefix, leading zeros removed, missing minor and patch filled with 0. */
function normalizeAndParse(s: string): CelSemver {
  if (s.startsWith('v')) s = s.slice(1);
  const parts = splitN3(s).map((p) => {
    if (p.length <= 1) return p;
    let t = p.replace(/^0+/, '');
    if (t.length === 0 || !NUMBERS.includes(t[0]!)) t = '0' + t;
    return t;
  });
  if (parts.length < 3) {
    const last = parts[parts.length - 1]!;
    if (last.includes('+') || last.includes('-')) throw new Error('short version cannot contain PreRelease/Build meta data');
    while (parts.length < 3) parts.push('0');
  }
  return parseSemver(parts.join('.'));
}

const cmp = (a: bigint, b: bigint) => (a === b ? 0 : a > b ? 1 : -1);

function comparePre(a: Pre, b: Pre): number {
  if (a.num !== undefined && b.num === undefined) return -1;
  if (a.num === undefined && b.num !== undefined) return 1;
  if (a.num !== undefined && b.num !== undefined) return cmp(a.num, b.num);
  return a.str === b.str ? 0 : a.str! > b.str! ? 1 : -1;
}

/** Version.Compare. */
function compare(a: CelSemver, b: CelSemver): number {
  const c = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (c !== 0) return c;
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < a.pre.length && i < b.pre.length; i++) {
    const p = comparePre(a.pre[i]!, b.pre[i]!);
    if (p !== 0) return p;
  }
  return a.pre.length === b.pre.length ? 0 : a.pre.length < b.pre.length ? -1 : 1;
}

export function registerSemver(env: Registrar): void {
  const S = CelSemver.celTypeName;
  env.registerType(S, CelSemver);
  const parse = (s: string, normalize: boolean) => (charge(sizeCost(s.length)), normalize ? normalizeAndParse(s) : parseSemver(s));
  const is = (s: string, normalize: boolean) => {
    try {
      parse(s, normalize);
      return true;
    } catch {
      return false;
    }
  };
  env.registerFunction(`semver(string): ${S}`, (s: string) => parse(s, false));
  env.registerFunction(`semver(string, bool): ${S}`, parse);
  env.registerFunction('isSemver(string): bool', (s: string) => is(s, false));
  env.registerFunction('isSemver(string, bool): bool', is);
  // types.Int(v.Major) converts Go's uint64 to int64, wrapping above 2^63-1.
  env.registerFunction(`${S}.major(): int`, (v: CelSemver) => BigInt.asIntN(64, v.major));
  env.registerFunction(`${S}.minor(): int`, (v: CelSemver) => BigInt.asIntN(64, v.minor));
  env.registerFunction(`${S}.patch(): int`, (v: CelSemver) => BigInt.asIntN(64, v.patch));
  env.registerFunction(`${S}.isGreaterThan(${S}): bool`, (a: CelSemver, b: CelSemver) => compare(a, b) > 0);
  env.registerFunction(`${S}.isLessThan(${S}): bool`, (a: CelSemver, b: CelSemver) => compare(a, b) < 0);
  env.registerFunction(`${S}.compareTo(${S}): int`, (a: CelSemver, b: CelSemver) => BigInt(compare(a, b)));
  env.registerOperator(`${S} == ${S}`, (a: CelSemver, b: CelSemver) => compare(a, b) === 0);
}
