// Field errors as k8s.io/apimachinery builds and prints them, so a problem podguard reports about a
// namespace label or a PodSecurityConfiguration reads exactly as the API server would report it.
// Upstream: k8s.io/apimachinery/pkg/util/validation/field/errors.go (Error.Error, ErrorBody,
// ErrorList.ToAggregate) and field/path.go (Path.String); util/errors/errors.go (aggregate.Error).

import { goQuote } from '../pss/go-strings';

/** A field path as segments: names are children (`.name`), numbers are indices (`[0]`). */
export type FieldPath = readonly (string | number)[];

/** field.Path.String(): `exemptions.namespaces[0]`. */
export function fieldPathString(path: FieldPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

export type FieldErrorType = 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueDuplicate' | 'FieldValueNotSupported';

/** One field.Error; `badValue` is always a string here (labels and names are strings). */
export interface FieldError {
  readonly type: FieldErrorType;
  /** The field path as field.Path.String() prints it: `metadata.labels[pod-security.kubernetes.io/enforce]`. */
  readonly field: string;
  readonly badValue?: string;
  readonly detail: string;
}

const TYPE_TEXT: Readonly<Record<FieldErrorType, string>> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotSupported: 'Unsupported value',
};

/** field.Error.ErrorBody(): `Invalid value: "foo": must be one of …`. Required errors omit the value. */
export function fieldErrorBody(e: FieldError): string {
  let s = e.type === 'FieldValueRequired' ? TYPE_TEXT[e.type] : `${TYPE_TEXT[e.type]}: ${goQuote(e.badValue ?? '')}`;
  if (e.detail !== '') s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): `<field>: <body>`. */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * ErrorList.ToAggregate().Error(): duplicates dropped, one message alone, several as `[a, b]`.
 * Returns '' for an empty list.
 */
export function aggregateFieldErrors(errors: readonly FieldError[]): string {
  const messages = [...new Set(errors.map(fieldErrorString))];
  if (messages.length === 0) return '';
  return messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`;
}
