// Values between JSON (objects as the API server decodes them) and the CEL library's runtime
// values: an integral JSON number is a CEL int (bigint), any other number a double, as
// unstructured objects reach cel-go (k8s.io/apiserver/pkg/cel/common/values.go binds int64 and float64).

import { Optional } from '@marcbachmann/cel-js';

/** A JSON value as CEL sees it: integral numbers become bigint. */
export function jsonToCel(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(jsonToCel);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonToCel(x);
    return out;
  }
  return v;
}

/**
 * A CEL value as tagged JSON, so ints, uints and doubles stay apart (the cel-oracle writes the
 * same form): {"int":"5"}, {"uint":"5"}, {"double":5.5}, {"list":[…]}, {"map":[[k,v],…]}, {"optional":null|[v]}.
 */
export function celToTaggedJson(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return { int: v.toString() };
  if (typeof v === 'number') return Number.isFinite(v) ? { double: v } : { double: String(v).replace('Infinity', 'Inf') };
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return { list: v.map(celToTaggedJson) };
  if (v instanceof Optional) return { optional: v.hasValue() ? [celToTaggedJson(v.value())] : null };
  if (v instanceof Map) return { map: [...v.entries()].map(([k, x]) => [celToTaggedJson(k), celToTaggedJson(x)]) };
  const ctor = (v as object).constructor as { name?: string; celTypeName?: string } | undefined;
  const name = ctor?.celTypeName ?? ctor?.name;
  if (name === 'UnsignedInt') return { uint: String((v as { valueOf(): unknown }).valueOf()) };
  if (name === 'Object' || name === undefined) return { map: Object.entries(v).map(([k, x]) => [k, celToTaggedJson(x)]) };
  if (typeof (v as { toCelString?: unknown }).toCelString === 'function') return { opaque: name, string: (v as { toCelString(): string }).toCelString() };
  return { opaque: name };
}

/**
 * A key two CEL values share exactly when they are equal, for values compared by value: numbers of
 * any kind by magnitude (1 == 1u == 1.0 under Kubernetes' heterogeneous equality), strings,
 * bools, null, timestamps, durations and bytes. Undefined for lists, maps, objects and NaN.
 */
export function celKey(x: unknown): string | undefined {
  switch (typeof x) {
    case 'bigint':
      return `n${x}`;
    case 'number':
      return Number.isNaN(x) ? undefined : `n${x}`;
    case 'string':
      return `s${x}`;
    case 'boolean':
      return `b${x}`;
  }
  if (x === null) return 'null';
  if (x instanceof Date) return `t${x.getTime()}`;
  if (x instanceof Uint8Array) return `y${Buffer.from(x).toString('hex')}`;
  // The CEL library exports no types for these; its classes are known by name, as in celToTaggedJson.
  const name = (x as { constructor?: { name?: string } } | undefined)?.constructor?.name;
  if (name === 'UnsignedInt') return `n${(x as { valueOf(): bigint }).valueOf()}`;
  if (name === 'Duration') return `d${(x as { seconds: bigint }).seconds}:${(x as { nanos: number }).nanos}`;
  // Kubernetes' own types that compare by a canonical form (net.IP, net.CIDR) say so themselves.
  const own = (x as { celKey?: () => string } | undefined)?.celKey;
  if (typeof own === 'function') return `k${own.call(x)}`;
  return undefined;
}

/** CEL equality of two runtime values: by celKey, else lists, maps and objects by content. */
export function celEqual(a: unknown, b: unknown): boolean {
  const ka = celKey(a);
  const kb = celKey(b);
  if (ka !== undefined || kb !== undefined) return ka === kb;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => celEqual(x, b[i]));
  if (a instanceof Map || b instanceof Map)
    return a instanceof Map && b instanceof Map && a.size === b.size && [...a].every(([k, v]) => b.has(k) && celEqual(v, b.get(k)));
  if (a instanceof Optional || b instanceof Optional)
    return a instanceof Optional && b instanceof Optional && (a.hasValue() && b.hasValue() ? celEqual(a.value(), b.value()) : a.hasValue() === b.hasValue());
  if (
    a !== null &&
    b !== null &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    Object.getPrototypeOf(a) === Object.prototype &&
    Object.getPrototypeOf(b) === Object.prototype
  ) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = Object.keys(ra);
    return keys.length === Object.keys(rb).length && keys.every((k) => Object.hasOwn(rb, k) && celEqual(ra[k], rb[k]));
  }
  return a === b;
}
