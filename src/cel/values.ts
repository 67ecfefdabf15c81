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
