// Kubernetes API Status objects and field errors, built exactly as the Go libraries that Pod
// Security Admission uses build them, so a denial reads the same from podguard as from the API
// server's own plugin:
//   k8s.io/apimachinery/pkg/api/errors/errors.go        NewForbidden, NewInvalid, NewBadRequest, NewInternalError
//   k8s.io/apimachinery/pkg/util/validation/field/errors.go   Error.Error / ErrorBody, ErrorList.ToAggregate
//   k8s.io/apimachinery/pkg/util/errors/errors.go       aggregate.Error

export interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly causes?: readonly StatusCause[];
}

/** metav1.Status as it appears in AdmissionResponse.status (empty fields omitted, as Go's omitempty does). */
export interface Status {
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: 'Forbidden' | 'Invalid' | 'BadRequest' | 'InternalError';
  readonly details?: StatusDetails;
  readonly code: number;
}

export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** schema.GroupResource.String(): `pods`, `deployments.apps`. */
export function groupResourceString(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

/** schema.GroupKind.String(): `Namespace`, `Deployment.apps`. */
export function groupKindString(gk: GroupKind): string {
  return gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`;
}

function omitEmpty(details: StatusDetails): StatusDetails {
  const out: { -readonly [K in keyof StatusDetails]: StatusDetails[K] } = {};
  if (details.name) out.name = details.name;
  if (details.group) out.group = details.group;
  if (details.kind) out.kind = details.kind;
  if (details.causes && details.causes.length > 0) out.causes = details.causes;
  return out;
}

/** apierrors.NewForbidden(qualifiedResource, name, err).ErrStatus */
export function forbiddenStatus(gr: GroupResource, name: string, message: string): Status {
  const what = groupResourceString(gr);
  const text = what === '' ? `forbidden: ${message}` : name === '' ? `${what} is forbidden: ${message}` : `${what} ${goQuote(name)} is forbidden: ${message}`;
  return { metadata: {}, status: 'Failure', message: text, reason: 'Forbidden', details: omitEmpty({ name, group: gr.group, kind: gr.resource }), code: 403 };
}

/** apierrors.NewInvalid(qualifiedKind, name, errs).ErrStatus */
export function invalidStatus(gk: GroupKind, name: string, errors: readonly FieldError[]): Status {
  const causes = errors.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
  const aggregate = aggregateFieldErrors(errors);
  const head = `${groupKindString(gk)} ${goQuote(name)} is invalid`;
  return {
    metadata: {},
    status: 'Failure',
    message: aggregate === '' ? head : `${head}: ${aggregate}`,
    reason: 'Invalid',
    details: omitEmpty({ name, group: gk.group, kind: gk.kind, causes }),
    code: 422,
  };
}

/** apierrors.NewBadRequest(reason).ErrStatus */
export function badRequestStatus(message: string): Status {
  return { metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 };
}

/** apierrors.NewInternalError(err).ErrStatus */
export function internalErrorStatus(message: string): Status {
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  };
}

// --- field errors ---------------------------------------------------------------------------

export type FieldErrorType = 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueDuplicate';

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

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const GO_ESCAPES: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };

/**
 * Go's %q for a string (strconv.Quote): double quotes, the C escapes, `\xNN` for other ASCII
 * control bytes, and `\uNNNN` / `\UNNNNNNNN` for runes that are not printable (categories C and Z
 * other than the ASCII space, per unicode.IsPrint).
 */
export function goQuote(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`; // printable ASCII without quotes or backslashes: nothing to escape
  let out = '"';
  for (const ch of s) {
    const esc = GO_ESCAPES[ch];
    if (esc !== undefined) out += esc;
    else {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp !== 0x20 && /[\p{C}\p{Z}]/u.test(ch)) out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += ch;
    }
  }
  return out + '"';
}
