// Kubernetes API Status objects and field errors, built exactly as the Go libraries that Pod
// Security Admission uses build them, so a denial reads the same from podguard as from the API
// server's own plugin:
//   k8s.io/apimachinery/pkg/api/errors/errors.go        NewForbidden, NewInvalid, NewBadRequest, NewInternalError
//   k8s.io/apimachinery/pkg/util/validation/field/errors.go   Error.Error / ErrorBody, ErrorList.ToAggregate
//   k8s.io/apimachinery/pkg/util/errors/errors.go       aggregate.Error
// Field errors are field-error.ts; Go's %q is src/pss/go-strings.ts (one copy for every message).

import { goQuote } from '../pss/go-strings';
import { aggregateFieldErrors, fieldErrorBody, type FieldError } from './field-error';

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
