// The YAML schema Kubernetes clients really use. kubectl and the API server turn YAML into JSON
// with sigs.k8s.io/yaml, which resolves plain scalars the YAML 1.1 way (its forked go-yaml v2,
// resolve.go): `yes`/`on`/`y` are true, `no`/`off`/`n` are false, `0755` is octal, `1_000` is an int.
// js-yaml's default YAML 1.2 core schema would read `privileged: yes` as the string "yes" and miss
// a privileged container that the cluster would run. Timestamps stay strings (JSON has no dates),
// unknown tags are rejected (never constructed), and `<<` merge keys work as in go-yaml v2: a
// plain `<<` becomes a unique marker here and merge-keys.ts applies go-yaml's rules afterwards
// (js-yaml's own merge lets earlier keys win, go-yaml v2 lets later ones win).

import { randomUUID } from 'node:crypto';
import yaml from 'js-yaml';

const BOOL_WORDS = new Map<string, boolean>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
]);

/** First letters of the words above (y n t f o, either case): rejects almost every scalar at once. */
function mayBeBool(data: string): boolean {
  if (data.length > 5) return false;
  const c = data.charCodeAt(0) | 0x20; // lower-case ASCII letters
  return c === 0x79 || c === 0x6e || c === 0x74 || c === 0x66 || c === 0x6f;
}

const bool11 = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  // Called for every plain scalar, keys included, so the cheap test comes first.
  resolve: (data: string | null) => data !== null && mayBeBool(data) && BOOL_WORDS.has(data),
  construct: (data: string) => BOOL_WORDS.get(data) === true,
  predicate: (v: unknown) => typeof v === 'boolean',
  represent: (v: object) => (v ? 'true' : 'false'),
});

// Go's strconv.ParseInt(s, 0, 64) after go-yaml removed underscores: optional sign, then
// 0x hex, 0o / leading-0 octal, 0b binary, or decimal.
const INT_RE = /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|[0-9][0-9_]*)$/;

/** Plain scalars that could be numbers start with a digit or a sign: a cheap filter before the regex. */
function startsNumeric(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45 || c === 43;
}

function parseGoInt(data: string): number {
  let s = data.replace(/_/g, '');
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  let n: number;
  if (/^0[xX]/.test(s)) n = parseInt(s.slice(2), 16);
  else if (/^0[bB]/.test(s)) n = parseInt(s.slice(2), 2);
  else if (/^0[oO]/.test(s)) n = parseInt(s.slice(2), 8);
  else if (s.length > 1 && s[0] === '0') n = parseInt(s.slice(1), 8);
  else n = parseInt(s, 10);
  return sign * n;
}

const int11 = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && startsNumeric(data) && INT_RE.test(data) && /[0-9]/.test(data) && !/^[-+]?_/.test(data),
  construct: parseGoInt,
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  represent: (v: object) => String(v),
});

/**
 * A plain `<<` (go-yaml v2 isMerge: plain style, or tagged !!merge) resolves to a marker string
 * that is unique per occurrence, so one mapping may hold several merge keys and js-yaml stores
 * each as an ordinary key (in its position) without merging anything itself.
 */
const MERGE_PREFIX = `\u0000podguard-merge-key:${randomUUID()}:`;
let mergeCount = 0;
const mergeMarker = new yaml.Type('tag:podguard.dev,2026:merge-key', {
  kind: 'scalar',
  resolve: (data: string | null) => data === '<<',
  construct: () => `${MERGE_PREFIX}${mergeCount++}`,
});

/** Whether a key (or value) is the marker of a plain `<<`. */
export function isMergeMarker(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith(MERGE_PREFIX);
}

// js-yaml exports its built-in types at runtime; @types/js-yaml does not declare them.
type BuiltIn = 'null' | 'float' | 'str' | 'seq' | 'map';
const types = (yaml as unknown as { types: Record<BuiltIn, yaml.Type> }).types;

/** Kubernetes' YAML: YAML 1.1 booleans and integers, core nulls and floats, merge keys, no other tags. */
export const K8S_SCHEMA = new yaml.Schema({
  implicit: [types.null, bool11, int11, types.float, mergeMarker],
  explicit: [types.str, types.seq, types.map],
});
