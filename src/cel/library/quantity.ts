// Kubernetes' quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go, from v1.28):
// quantity("1.5Gi"), isQuantity, sign, isLessThan, isGreaterThan, compareTo, add, sub,
// asInteger, isInteger, asApproximateFloat, ==. Parsing follows resource.ParseQuantity
// (k8s.io/apimachinery/pkg/api/resource/quantity.go): a linear scanner, the suffixes of
// suffix.go, values rounded up to nano units, binary quantities capped at 2^63-1.
// A value is unscaled × 10^exp with bigint unscaled, so "1e999999999" never expands.

import { charge } from '../cost';
import type { Registrar } from './types';

const ERR_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const ERR_NUMERIC = 'unable to parse numeric part of quantity';
const ERR_SUFFIX = "unable to parse quantity's suffix";

const DECIMAL: Record<string, number> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64 = (1n << 63n) - 1n;
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

export class CelQuantity {
  static readonly celTypeName = 'kubernetes.Quantity';
  /**
   * value = unscaled × 10^exp; exp ≥ -9 always (nano precision). `dec` marks a value Go holds as
   * an inf.Dec rather than an int64Amount (parsed off the fast path, or an addition that
   * overflowed int64): AsInt64, and so asInteger and isInteger, fail for those whatever the value.
   */
  constructor(
    readonly unscaled: bigint,
    readonly exp: number,
    readonly dec = false,
  ) {}
}

const MIN_INT64 = -(1n << 63n);
const fitsInt64 = (v: bigint) => v >= MIN_INT64 && v <= MAX_INT64;

/** parseQuantityString: sign, number, fraction, suffix; or the error ParseQuantity returns. */
function scan(str: string): { negative: boolean; num: string; denom: string; suffix: string } | string {
  let pos = 0;
  const end = str.length;
  let negative = false;
  if (str[0] === '-') {
    negative = true;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { negative, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return ERR_FORMAT;
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** resource.ParseQuantity. */
export function parseQuantity(str: string): CelQuantity | string {
  if (str.length === 0) return ERR_FORMAT;
  const s = scan(str);
  if (typeof s === 'string') return s;
  let binary: number | undefined;
  let exponent: number;
  if (s.suffix in DECIMAL) exponent = DECIMAL[s.suffix]!;
  else if (s.suffix in BINARY) binary = BINARY[s.suffix]!;
  else if ((s.suffix[0] === 'e' || s.suffix[0] === 'E') && /^[eE][-+]?\d{1,10}$/.test(s.suffix)) {
    exponent = Number(s.suffix.slice(1));
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 2 ** 31 - 1) return ERR_SUFFIX;
  } else return ERR_SUFFIX;
  exponent ??= 0;
  if (s.num.length + s.denom.length > 10_000) return ERR_NUMERIC;
  const digits = BigInt(s.num + s.denom);
  let unscaled: bigint;
  let exp: number;
  if (binary !== undefined) {
    unscaled = digits << BigInt(binary);
    exp = -s.denom.length;
  } else {
    unscaled = digits;
    exp = exponent - s.denom.length;
  }
  // ParseQuantity's int64 fast path: enough precision left, no finer than nano, the digits and the
  // binary multiplier within int64; anything else is an inf.Dec.
  const precision =
    binary === undefined ? 18 - (s.num.length + s.denom.length) : s.denom.length === 0 ? 15 - s.num.length - Math.floor((binary * 3) / 10) - 1 : -1;
  const dec = !(precision >= 0 && exp >= -9 && fitsInt64(digits) && fitsInt64(unscaled));
  // Round up (away from zero) to nano units.
  if (exp < -9) {
    const d = pow10(-9 - exp);
    unscaled = (unscaled + d - 1n) / d;
    exp = -9;
  }
  if (binary !== undefined && exp <= 0 && unscaled > MAX_INT64 * pow10(-exp)) {
    unscaled = MAX_INT64 * pow10(-exp);
  }
  return new CelQuantity(s.negative ? -unscaled : unscaled, exp, dec);
}

function sign(q: CelQuantity): bigint {
  return q.unscaled > 0n ? 1n : q.unscaled < 0n ? -1n : 0n;
}

/** Compares without expanding huge exponents: orders of magnitude first. */
function compare(a: CelQuantity, b: CelQuantity): number {
  const sa = sign(a);
  const sb = sign(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0n) return 0;
  const mag = (q: CelQuantity) => (q.unscaled < 0n ? -q.unscaled : q.unscaled).toString().length + q.exp;
  const ma = mag(a);
  const mb = mag(b);
  if (ma !== mb) return (ma < mb ? -1 : 1) * Number(sa);
  const e = Math.min(a.exp, b.exp);
  const x = a.unscaled * pow10(a.exp - e);
  const y = b.unscaled * pow10(b.exp - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Quantity.Add: int64Amount.Add (amount.go) while it stays within int64, else an inf.Dec. */
function add(a: CelQuantity, b: CelQuantity): CelQuantity {
  if (!a.dec && !b.dec) {
    if (b.unscaled === 0n) return a;
    if (a.unscaled === 0n) return b;
  }
  const e = Math.min(a.exp, b.exp);
  if (Math.max(a.exp, b.exp) - e > 100_000) throw new Error('quantity exponent too large');
  const x = a.unscaled * pow10(a.exp - e);
  const y = b.unscaled * pow10(b.exp - e);
  const sum = x + y;
  return new CelQuantity(sum, e, a.dec || b.dec || !fitsInt64(x) || !fitsInt64(y) || !fitsInt64(sum));
}

/** Quantity.AsInt64: only an int64Amount of scale ≥ 0 whose value × 10^scale fits (amount.go). */
function asInteger(q: CelQuantity): bigint | undefined {
  if (q.dec || q.exp < 0) return undefined;
  if (q.exp > 19) return q.unscaled === 0n ? 0n : undefined;
  const v = q.unscaled * pow10(q.exp);
  return fitsInt64(v) ? v : undefined;
}

export function registerQuantity(env: Registrar): void {
  const Q = CelQuantity.celTypeName;
  env.registerType(Q, CelQuantity);
  env.registerFunction(`quantity(string): ${Q}`, (s: string) => {
    charge(1);
    const q = parseQuantity(s);
    if (typeof q === 'string') throw new Error(q);
    return q;
  });
  env.registerFunction('isQuantity(string): bool', (s: string) => (charge(1), typeof parseQuantity(s) !== 'string'));
  env.registerFunction(`sign(${Q}): int`, (q: CelQuantity) => sign(q));
  env.registerFunction(`${Q}.isGreaterThan(${Q}): bool`, (a: CelQuantity, b: CelQuantity) => compare(a, b) > 0);
  env.registerFunction(`${Q}.isLessThan(${Q}): bool`, (a: CelQuantity, b: CelQuantity) => compare(a, b) < 0);
  env.registerFunction(`${Q}.compareTo(${Q}): int`, (a: CelQuantity, b: CelQuantity) => BigInt(compare(a, b)));
  env.registerFunction(`${Q}.add(${Q}): ${Q}`, (a: CelQuantity, b: CelQuantity) => add(a, b));
  env.registerFunction(`${Q}.add(int): ${Q}`, (a: CelQuantity, b: bigint) => add(a, new CelQuantity(b, 0)));
  env.registerFunction(`${Q}.sub(${Q}): ${Q}`, (a: CelQuantity, b: CelQuantity) => add(a, new CelQuantity(-b.unscaled, b.exp, b.dec)));
  env.registerFunction(`${Q}.sub(int): ${Q}`, (a: CelQuantity, b: bigint) => add(a, new CelQuantity(-b, 0)));
  env.registerFunction(`${Q}.isInteger(): bool`, (q: CelQuantity) => asInteger(q) !== undefined);
  env.registerFunction(`${Q}.asInteger(): int`, (q: CelQuantity) => {
    const v = asInteger(q);
    if (v === undefined) throw new Error('cannot convert value to integer');
    return v;
  });
  // AsApproximateFloat64: the unscaled value as a float times 10^exp.
  env.registerFunction(`${Q}.asApproximateFloat(): double`, (q: CelQuantity) => Number(q.unscaled) * 10 ** q.exp);
  env.registerOperator(`${Q} == ${Q}`, (a: CelQuantity, b: CelQuantity) => compare(a, b) === 0);
}
