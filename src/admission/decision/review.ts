// AdmissionReview admission.k8s.io/v1, the envelope kube-apiserver posts to webhooks and expects
// back (k8s.io/api/admission/v1/types.go). Parsing checks the envelope only; the objects inside
// are read by the decision code, which tolerates anything.

import { isMapping, type KubeObject } from '../../k8s/types';
import type { Status } from '../../psa/api-status';

export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export interface GroupVersionResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface UserInfo {
  readonly username?: string;
  readonly uid?: string;
  readonly groups?: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

export interface AdmissionRequest {
  readonly uid: string;
  readonly kind: GroupVersionKind;
  readonly resource: GroupVersionResource;
  readonly subResource?: string;
  readonly requestKind?: GroupVersionKind;
  readonly requestResource?: GroupVersionResource;
  readonly requestSubResource?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly operation: Operation;
  readonly userInfo: UserInfo;
  readonly object?: KubeObject | null;
  readonly oldObject?: KubeObject | null;
  readonly dryRun?: boolean;
  readonly options?: unknown;
}

export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly status?: Status;
  readonly patch?: string;
  readonly patchType?: 'JSONPatch';
  readonly auditAnnotations?: Readonly<Record<string, string>>;
  readonly warnings?: readonly string[];
}

/** A response before the server stamps the request's uid on it. */
export type Verdict = Omit<AdmissionResponse, 'uid'>;

export interface AdmissionReview {
  readonly apiVersion: string;
  readonly kind: 'AdmissionReview';
  readonly request?: AdmissionRequest;
  readonly response?: AdmissionResponse;
}

/** Why a body is not a usable AdmissionReview, said so that whoever configured the webhook can fix it. */
export class ReviewError extends Error {}

function gvk(v: unknown): GroupVersionKind | undefined {
  if (!isMapping(v) || typeof v['kind'] !== 'string' || typeof v['version'] !== 'string') return undefined;
  return { group: typeof v['group'] === 'string' ? v['group'] : '', version: v['version'], kind: v['kind'] };
}

function gvr(v: unknown): GroupVersionResource | undefined {
  if (!isMapping(v) || typeof v['resource'] !== 'string' || typeof v['version'] !== 'string') return undefined;
  return { group: typeof v['group'] === 'string' ? v['group'] : '', version: v['version'], resource: v['resource'] };
}

const OPERATIONS: ReadonlySet<string> = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);

/**
 * The request inside a decoded AdmissionReview body. Throws ReviewError when the body is not an
 * admission.k8s.io/v1 AdmissionReview with a request that has a uid, kind, resource and operation.
 */
export function requestOf(body: unknown): AdmissionRequest {
  if (!isMapping(body)) throw new ReviewError('the body is not a JSON object: expected an AdmissionReview');
  if (body['kind'] !== 'AdmissionReview') throw new ReviewError(`unexpected kind ${JSON.stringify(body['kind'] ?? null)}: expected an AdmissionReview`);
  if (body['apiVersion'] !== ADMISSION_API_VERSION) {
    throw new ReviewError(
      `unsupported AdmissionReview version ${JSON.stringify(body['apiVersion'] ?? null)}: podguard speaks ${ADMISSION_API_VERSION} ` +
        '(list only "v1" in admissionReviewVersions of the webhook configuration)',
    );
  }
  const r = body['request'];
  if (!isMapping(r)) throw new ReviewError('the AdmissionReview has no request');
  if (typeof r['uid'] !== 'string' || r['uid'] === '') throw new ReviewError('the AdmissionReview request has no uid');
  const kind = gvk(r['kind']);
  if (!kind) throw new ReviewError('the AdmissionReview request has no kind {group, version, kind}');
  const resource = gvr(r['resource']);
  if (!resource) throw new ReviewError('the AdmissionReview request has no resource {group, version, resource}');
  if (typeof r['operation'] !== 'string' || !OPERATIONS.has(r['operation'])) {
    throw new ReviewError(`the AdmissionReview request has an unknown operation ${JSON.stringify(r['operation'] ?? null)}`);
  }
  if (r['userInfo'] !== undefined && !isMapping(r['userInfo'])) throw new ReviewError('the AdmissionReview request userInfo is not an object');
  return r as unknown as AdmissionRequest;
}

/** The subresource PSA keys on: the one the client asked for (api/attributes.go GetSubresource). */
export function subresourceOf(r: AdmissionRequest): string {
  return r.requestSubResource ?? r.subResource ?? '';
}

export function reviewResponse(response: AdmissionResponse): AdmissionReview {
  return { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', response };
}
