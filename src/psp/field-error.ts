// Upstream's field.Error as PodSecurityPolicy admission prints it: `<path>: <type>[: <value>][: <detail>]`.
// Values are rendered the way ErrorBody does (apimachinery v0.24.17 pkg/util/validation/field/errors.go):
// int64, int32 and bool with %v, strings with %q, nil pointers as `null`, and everything else with
// Go's %#v (a slice of groups is `[]int64{1, 2}`, a nil one `[]int64(nil)`).

import { goQuote } from '../pss/go-strings';

export interface FieldError {
  readonly path: string;
  readonly type: 'Invalid value' | 'Required value' | 'Forbidden';
  /** The rendered bad value (Invalid value only). */
  readonly value?: string;
  readonly detail: string;
}

export function invalid(path: string, value: string, detail: string): FieldError {
  return { path, type: 'Invalid value', value, detail };
}

export function required(path: string, detail: string): FieldError {
  return { path, type: 'Required value', detail };
}

export function forbidden(path: string, detail: string): FieldError {
  return { path, type: 'Forbidden', detail };
}

/** (*field.Error).Error(). */
export function fieldErrorText(e: FieldError): string {
  let s = e.type === 'Invalid value' ? `${e.type}: ${e.value ?? 'null'}` : e.type;
  if (e.detail !== '') s += `: ${e.detail}`;
  return `${e.path}: ${s}`;
}

/** %v of a field.ErrorList (a slice of errors): `[e1 e2]`. */
export function errorListText(errors: readonly FieldError[]): string {
  return `[${errors.map(fieldErrorText).join(' ')}]`;
}

// --- values ---------------------------------------------------------------------------------

export const goValue = {
  number: (n: number): string => String(n),
  bool: (b: boolean): string => String(b),
  string: (s: string): string => goQuote(s),
  /** A *bool or *int64: null when unset. */
  optional: (v: boolean | number | undefined): string => (v === undefined ? 'null' : String(v)),
  /** %#v of []int64. */
  int64s: (v: readonly number[] | undefined): string => (v === undefined ? '[]int64(nil)' : `[]int64{${v.join(', ')}}`),
  /** %#v of []core.Capability (the internal type's package is k8s.io/kubernetes/pkg/apis/core). */
  capabilities: (v: readonly string[] | undefined): string =>
    v === undefined ? '[]core.Capability(nil)' : `[]core.Capability{${v.map((c) => goQuote(c)).join(', ')}}`,
};

/** %v of []policy.IDRange: `[{1 100} {200 300}]`. */
export function idRangesText(ranges: readonly { min: number; max: number }[]): string {
  return `[${ranges.map((r) => `{${r.min} ${r.max}}`).join(' ')}]`;
}
