// PodSecurityPolicy admission of one pod create or update, as kube-apiserver v1.24 ran it: the
// mutating Admit on create, then Validate on its result (on update, Validate alone).
// Upstream (v1.24.17): plugin/pkg/admission/security/podsecuritypolicy/admission.go
// (Admit, Validate, shouldIgnore, computeSecurityContext, isAuthorizedForPolicy), with
// pkg/registry/rbac/helpers.go (IsOnlyMutatingGCFields) and staging apiserver's admission.NewForbidden.

import { compareGo, goQuote } from '../pss/go-strings';
import type { RbacAuthorizer } from '../rbac/authorizer';
import { serviceAccountGroups, serviceAccountUsername, type UserInfo } from '../rbac/subjects';
import { errorListText, type FieldError } from './field-error';
import { VALIDATED_PSP_ANNOTATION, type PodSecurityPolicy } from './model';
import { createProvider, type Provider } from './provider';
import { asObject, semanticEqual, stringOf, type Json } from './strategies/pod-json';

export interface AdmitRequest {
  readonly operation: 'CREATE' | 'UPDATE';
  readonly namespace: string;
  /** The requesting user (for a controller-made pod, the controller's service account). */
  readonly user: UserInfo;
  readonly pod: Json;
  /** UPDATE only. */
  readonly oldPod?: Json;
}

export interface PolicyErrors {
  readonly policy: string;
  readonly errors: readonly FieldError[];
}

export interface AdmitResult {
  readonly allowed: boolean;
  /** The policy that admitted the pod (its `kubernetes.io/psp` annotation); "" when the update was not checked. */
  readonly policy: string;
  /** The pod as stored (with the policy's defaults and the annotation), when allowed. */
  readonly pod?: Json;
  /** The API server's message when denied. */
  readonly message?: string;
  /** Per policy the pod may use, why it did not admit the pod (denied pods; policy order). */
  readonly denials: readonly PolicyErrors[];
  /** Policies that could not become providers, with upstream's error. */
  readonly skipped: readonly string[];
}

/** The pod as the plugin sees it: the internal type always carries a pod security context. */
export function internalView(pod: Json): Json {
  const copy = structuredClone(pod);
  const spec = asObject(copy.spec) ?? {};
  copy.spec = spec;
  if (!asObject(spec.securityContext)) spec.securityContext = {};
  return copy;
}

/** Undoes internalView's one addition for output: a pod security context that holds nothing and was not written. */
function externalView(pod: Json, original: Json): Json {
  const spec = asObject(pod.spec);
  const sc = spec && asObject(spec.securityContext);
  if (sc && Object.keys(sc).length === 0 && !asObject(asObject(original.spec)?.securityContext)) delete spec!.securityContext;
  return pod;
}

/** IsOnlyMutatingGCFields: the update changes nothing but owner references, finalizers, selfLink and managed fields. */
function isOnlyMutatingGCFields(pod: Json, old: Json): boolean {
  const copy = structuredClone(pod);
  const meta = { ...(asObject(copy.metadata) ?? {}) };
  const oldMeta = asObject(old.metadata) ?? {};
  for (const k of ['ownerReferences', 'finalizers', 'selfLink', 'managedFields']) {
    if (oldMeta[k] === undefined) delete meta[k];
    else meta[k] = oldMeta[k];
  }
  copy.metadata = meta;
  return semanticEqual(copy, old);
}

export class PspAdmission {
  constructor(
    private readonly policies: readonly PodSecurityPolicy[],
    private readonly authorizer: RbacAuthorizer,
  ) {}

  /** authorizedForPolicyInAPIGroup over both groups. */
  mayUse(user: UserInfo | undefined, namespace: string, policy: string): boolean {
    if (!user) return false;
    for (const apiGroup of ['policy', 'extensions']) {
      const d = this.authorizer.authorize(user, { verb: 'use', namespace, apiGroup, resource: 'podsecuritypolicies', subresource: '', name: policy });
      if (d.allowed) return true;
    }
    return false;
  }

  /** isAuthorizedForPolicy: the pod's service account first, then the requesting user. */
  authorizedFor(req: AdmitRequest, pod: Json, policy: string): boolean {
    const sa = stringOf(asObject(pod.spec)?.serviceAccountName);
    const saUser = sa === '' ? undefined : { name: serviceAccountUsername(req.namespace, sa), groups: serviceAccountGroups(req.namespace) };
    return this.mayUse(saUser, req.namespace, policy) || this.mayUse(req.user, req.namespace, policy);
  }

  private ordered(mutationAllowed: boolean, hint: string): PodSecurityPolicy[] {
    return [...this.policies].sort((a, b) => {
      if (!mutationAllowed) {
        if (a.name === hint) return -1;
        if (b.name === hint) return 1;
      }
      return compareGo(a.name, b.name);
    });
  }

  /** computeSecurityContext. */
  private compute(
    req: AdmitRequest,
    pod: Json,
    mutationAllowed: boolean,
    hint: string,
  ): { pod?: Json; policy: string; denials: PolicyErrors[]; skipped: string[]; noProviders: boolean } {
    const providers: Provider[] = [];
    const skipped: string[] = [];
    for (const p of this.ordered(mutationAllowed, hint)) {
      const made = createProvider(p);
      if ('error' in made) skipped.push(made.error);
      else providers.push(made);
    }
    if (providers.length === 0) return { policy: '', denials: [], skipped, noProviders: true };
    const failures: PolicyErrors[] = [];
    let firstMutated: { pod: Json; policy: string } | undefined;
    for (const provider of providers) {
      const copy = structuredClone(pod);
      provider.mutatePod(copy);
      const errors = provider.validatePod(copy);
      const name = provider.policy.name;
      if (errors.length > 0) {
        failures.push({ policy: name, errors });
        continue;
      }
      const mutated = !semanticEqual(pod, copy);
      if (mutated && !mutationAllowed) continue;
      if (!this.authorizedFor(req, pod, name)) continue;
      if (!mutated) return { pod: copy, policy: name, denials: [], skipped, noProviders: false };
      if (mutationAllowed && !firstMutated) firstMutated = { pod: copy, policy: name };
    }
    if (firstMutated) return { ...firstMutated, denials: [], skipped, noProviders: false };
    // Only the errors of policies the pod may use are reported.
    return { policy: '', denials: failures.filter((f) => this.authorizedFor(req, pod, f.policy)), skipped, noProviders: false };
  }

  admit(req: AdmitRequest): AdmitResult {
    const original = req.pod;
    const pod = internalView(original);
    const meta = asObject(pod.metadata) ?? {};
    const name = stringOf(meta.name) || stringOf(meta.generateName) || 'Unknown';
    const forbidden = (why: string): string => `pods ${goQuote(name)} is forbidden: PodSecurityPolicy: ${why}`;
    if (req.operation === 'UPDATE' && req.oldPod && isOnlyMutatingGCFields(pod, internalView(req.oldPod)))
      return { allowed: true, policy: '', pod: externalView(pod, original), denials: [], skipped: [] };

    let current = pod;
    let skipped: string[] = [];
    if (req.operation === 'CREATE') {
      const r = this.compute(req, current, true, '');
      skipped = r.skipped;
      if (r.noProviders) return { allowed: false, policy: '', message: forbidden('no providers available to validate pod request'), denials: [], skipped };
      if (!r.pod)
        return {
          allowed: false,
          policy: '',
          message: forbidden(`unable to admit pod: ${errorListText(r.denials.flatMap((d) => d.errors))}`),
          denials: r.denials,
          skipped,
        };
      const m = asObject(r.pod.metadata) ?? {};
      m.annotations = { ...(asObject(m.annotations) ?? {}), [VALIDATED_PSP_ANNOTATION]: r.policy };
      r.pod.metadata = m;
      current = r.pod;
    }
    const hint = stringOf(asObject(asObject(current.metadata)?.annotations)?.[VALIDATED_PSP_ANNOTATION]);
    const v = this.compute(req, current, false, hint);
    if (v.noProviders)
      return { allowed: false, policy: '', message: forbidden('no providers available to validate pod request'), denials: [], skipped: v.skipped };
    if (!v.pod || !semanticEqual(current, v.pod))
      return {
        allowed: false,
        policy: '',
        message: forbidden(`unable to validate pod: ${errorListText(v.denials.flatMap((d) => d.errors))}`),
        denials: v.denials,
        skipped: v.skipped,
      };
    return {
      allowed: true,
      policy: req.operation === 'CREATE' ? hint : v.policy,
      pod: externalView(current, original),
      denials: [],
      skipped: skipped.length ? skipped : v.skipped,
    };
  }
}
