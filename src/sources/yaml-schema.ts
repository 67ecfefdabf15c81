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

// Numbers as go-yaml v2 resolves plain scalars (resolve.go): a scalar starting with a digit or a
// sign is, after removing underscores, an int when strconv.ParseInt (or ParseUint) with base 0
// accepts it (0x hex, 0o or leading-0 octal, 0b binary, decimal), else a float when it has
// yamlStyleFloat's shape; one starting with '.' is a float when ParseFloat accepts it. So `08`
// (not octal) is the float 8 and `-.5` is -0.5, while `190:20:30` stays a string.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const UINT64_MAX = 2n ** 64n - 1n;

/** Plain scalars that could be numbers start with a digit or a sign: a cheap filter before the regex. */
function startsNumeric(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45 || c === 43;
}

function withoutUnderscores(s: string): string {
  return s.includes('_') ? s.replace(/_/g, '') : s;
}

/** The magnitude as a BigInt; the caller has checked the shape with GO_INT. */
function goIntMagnitude(unsigned: string): bigint {
  if (/^0[xXoObB]/.test(unsigned)) return BigInt(`0${unsigned[1]!.toLowerCase()}${unsigned.slice(2)}`);
  if (unsigned.length > 1 && unsigned[0] === '0') return BigInt(`0o${unsigned.slice(1)}`);
  return BigInt(unsigned);
}

function isGoInt(data: string): boolean {
  if (!startsNumeric(data)) return false;
  const plain = withoutUnderscores(data);
  if (!GO_INT.test(plain)) return false;
  // Past uint64, ParseInt and ParseUint both fail: a decimal then reads as a float, a prefixed
  // form not at all (it stays a string).
  if (plain.length < 16) return true;
  const unsigned = plain[0] === '-' || plain[0] === '+' ? plain.slice(1) : plain;
  return goIntMagnitude(unsigned) <= UINT64_MAX;
}

function parseGoInt(data: string): number {
  const plain = withoutUnderscores(data);
  const negative = plain[0] === '-';
  const unsigned = negative || plain[0] === '+' ? plain.slice(1) : plain;
  const n = Number(goIntMagnitude(unsigned));
  return negative ? -n : n;
}

const int11 = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && isGoInt(data),
  construct: parseGoInt,
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  represent: (v: object) => String(v),
});

// go-yaml v2's resolve map: these become ±Inf and NaN, which sigs.k8s.io/yaml then cannot turn
// into JSON ("json: unsupported value: +Inf"): kubectl refuses the document, and so does podguard
// (read-yaml.ts checks nonFiniteCount()).
const SPECIAL_FLOATS = new Map<string, number>([
  ...['.nan', '.NaN', '.NAN'].map((w) => [w, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w) => [w, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((w) => [w, Number.NEGATIVE_INFINITY] as const),
]);
let nonFinite = 0;

/** How many non-finite floats have been read so far (compare before and after a load). */
export function nonFiniteCount(): number {
  return nonFinite;
}

function isGoFloat(data: string): boolean {
  if (SPECIAL_FLOATS.has(data)) return true;
  if (data.charCodeAt(0) === 46) return DOT_FLOAT.test(data);
  return startsNumeric(data) && YAML_STYLE_FLOAT.test(withoutUnderscores(data));
}

const float11 = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && isGoFloat(data),
  construct: (data: string) => {
    const special = SPECIAL_FLOATS.get(data);
    if (special === undefined) return Number(withoutUnderscores(data));
    nonFinite++;
    return special;
  },
  predicate: (v: unknown) => typeof v === 'number',
  represent: (v: object) => String(v),
});

// Nulls as js-yaml's core schema reads them, plus the tagged empty string (`!!null ""`), which
// go-yaml v2 accepts as null. Only an explicit tag reaches resolve with '' (implicit resolution
// sees plain scalars only, and an empty plain scalar arrives as null).
const NULL_WORDS = new Set(['~', 'null', 'Null', 'NULL', '']);
const null11 = new yaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) => data === null || NULL_WORDS.has(data),
  construct: () => null,
  predicate: (v: unknown) => v === null,
  represent: () => 'null',
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
type BuiltIn = 'str' | 'seq' | 'map';
const types = (yaml as unknown as { types: Record<BuiltIn, yaml.Type> }).types;

/** Kubernetes' YAML: go-yaml v2's booleans, numbers and nulls, merge keys, the standard tags, no others. */
export const K8S_SCHEMA = new yaml.Schema({
  implicit: [null11, bool11, int11, float11, mergeMarker],
  explicit: [types.str, types.seq, types.map],
});
