// What cel-go's optional library (cel.OptionalTypes, Kubernetes from v1.28) has beyond the CEL
// library's own optionals: optional.ofNonZeroValue, none for a type's zero value (cel-go
// cel/library.go: zero values are false, 0, 0u, 0.0, "", b"", [], {}, null).

import { Optional } from '@marcbachmann/cel-js';
import { celEqual } from '../values';
import type { Registrar } from './types';

function isZero(v: unknown): boolean {
  if (v === null || v === false || v === 0 || v === 0n || v === '') return true;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.keys(v as object).length === 0;
  if (typeof v === 'object' && v.constructor?.name === 'UnsignedInt') return (v as { valueOf(): unknown }).valueOf() === 0n;
  return false;
}

export function registerOptional(env: Registrar): void {
  env.registerFunction('OptionalNamespace.ofNonZeroValue(A): optional<A>', (_n: unknown, v: unknown) => (isZero(v) ? Optional.none() : Optional.of(v)));
  // cel-go compares optionals: equal when both are empty or both hold equal values
  // (common/types/optional.go Equal); the exported PSS policies compare old and new annotations so.
  env.registerOperator('optional<dyn> == optional<dyn>', celEqual);
}
