// The admission decision: an AdmissionRequest and what is known about the cluster in, a response
// and the metrics to record out. No HTTP, no clock of its own, no I/O except through the
// ClusterView it is given. The Pod Security Admission part follows upstream line by line —
// staging/src/k8s.io/pod-security-admission/admission/admission.go (Validate, ValidateNamespace,
// ValidatePod, ValidatePodController, EvaluatePod) and response.go — and podguard's additions
// (denying workloads early, hardening policies) come after it and never loosen it.

import { podViewOf } from '../../engine/pod-views';
import { isMapping, type KubeObject } from '../../k8s/types';
import { badRequestStatus, forbiddenStatus, internalErrorStatus, invalidStatus, type Status } from '../../psa/api-status';
import { aggregateFieldErrors, type FieldError } from '../../psa/field-error';
import { goQuote } from '../../pss/go-strings';
import { compareLevels } from '../../pss/levels';
import type { ClusterView, NamespaceInfo } from '../cluster/cluster-view';
import { evaluatePodsInNamespace } from './namespace-pods';
import { levelVersionString, policyToEvaluate, sameLevelVersion, type LevelVersion, type Mode, type NamespacePolicy } from '../../psa/namespace-policy';
import { evaluateWithPolicies, type PolicyOutcome } from './policy-outcome';
import { forbiddenDetail, OutcomeCache } from './pss-outcome';
import { subresourceOf, type AdmissionRequest, type Verdict } from './review';
import { planSafeMutations } from './safe-fixes';
import { PODGUARD_LABELS, switchedOn, type WebhookSettings } from './settings';
import { legacyKeyWarnings } from '../../k8s/podguard-keys';
import { isSignificantPodUpdate } from './significant-update';

/** A metric to record, in the shape of upstream's metrics.Recorder calls. */
export type MetricEvent =
  | { readonly type: 'evaluation'; readonly decision: 'allow' | 'deny'; readonly policy: LevelVersion; readonly mode: Mode }
  | { readonly type: 'exemption' }
  | { readonly type: 'error'; readonly fatal: boolean }
  | { readonly type: 'mutation'; readonly fix: string };

export interface Decision {
  readonly verdict: Verdict;
  readonly events: readonly MetricEvent[];
}

export interface DecisionContext {
  readonly settings: WebhookSettings;
  readonly cluster: ClusterView;
  readonly now: () => number;
  /** When the API server stops waiting (the request's `timeout`), in ms since the epoch. */
  readonly deadline?: number;
}

// Upstream's audit annotation keys (api/constants.go); the API server prefixes them with the
// webhook's name.
export const AUDIT = {
  enforcePolicy: 'enforce-policy',
  auditViolations: 'audit-violations',
  exempt: 'exempt',
  error: 'error',
  podguardViolations: 'podguard-violations',
} as const;

const ALLOWED: Verdict = Object.freeze({ allowed: true });
const ALLOWED_PRIVILEGED: Verdict = Object.freeze({ allowed: true, auditAnnotations: Object.freeze({ [AUDIT.enforcePolicy]: 'privileged:latest' }) });
const exemptVerdict = (reason: 'namespace' | 'user' | 'runtimeClass'): Verdict =>
  Object.freeze({ allowed: true, auditAnnotations: Object.freeze({ [AUDIT.exempt]: reason }) });
const ALLOWED_BY = { namespace: exemptVerdict('namespace'), user: exemptVerdict('user'), runtimeClass: exemptVerdict('runtimeClass') };

/** errorResponse (response.go): the status, with its message (and the cause) in the error annotation. */
function errorVerdict(status: Status, cause?: string): Verdict {
  return { allowed: false, status, auditAnnotations: { [AUDIT.error]: cause === undefined ? status.message : `${status.message}: ${cause}` } };
}

function allowedWithError(message: string): Verdict {
  return { allowed: true, auditAnnotations: { [AUDIT.error]: message } };
}

function isNamespace(v: NamespaceInfo | Verdict): v is NamespaceInfo {
  return 'labels' in v;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Parsed namespace policies, by configuration and by the (immutable) namespace object. */
const POLICY_CACHE = new WeakMap<object, WeakMap<NamespaceInfo, { policy: NamespacePolicy; errors: FieldError[] }>>();

/** What a namespace's podguard labels switch, worked out once per namespace object (it is immutable). */
interface NamespaceSwitches {
  readonly denyWorkloads: boolean;
  readonly mutate: boolean;
  /** Warnings about legacy podguard.io labels on the namespace. */
  readonly legacyWarnings: readonly string[];
}

const SWITCH_CACHE = new WeakMap<WebhookSettings, WeakMap<NamespaceInfo, NamespaceSwitches>>();

function switchesOf(settings: WebhookSettings, ns: NamespaceInfo): NamespaceSwitches {
  let bySettings = SWITCH_CACHE.get(settings);
  if (!bySettings) SWITCH_CACHE.set(settings, (bySettings = new WeakMap()));
  let s = bySettings.get(ns);
  if (!s) {
    s = {
      denyWorkloads: switchedOn(ns, PODGUARD_LABELS.denyWorkloads, settings.denyWorkloads),
      mutate: switchedOn(ns, PODGUARD_LABELS.mutate, settings.mutate),
      legacyWarnings: legacyKeyWarnings(ns.labels, Object.values(PODGUARD_LABELS), 'namespace label'),
    };
    bySettings.set(ns, s);
  }
  return s;
}

/** Pod subresources that cannot change a pod's security context (admission.go ignoredPodSubresources). */
const IGNORED_POD_SUBRESOURCES: ReadonlySet<string> = new Set(['exec', 'attach', 'binding', 'eviction', 'log', 'portforward', 'proxy', 'status']);

class Decider {
  readonly events: MetricEvent[] = [];
  private readonly settings: WebhookSettings;
  private readonly namespaceName: string;

  constructor(
    private readonly req: AdmissionRequest,
    private readonly ctx: DecisionContext,
  ) {
    this.settings = ctx.settings;
    this.namespaceName = typeof req.namespace === 'string' ? req.namespace : '';
  }

  private exemptNamespace(): boolean {
    return this.namespaceName !== '' && this.settings.podSecurity.exemptions.namespaces.has(this.namespaceName);
  }

  private exemptUser(): boolean {
    const user = this.req.userInfo?.username;
    return typeof user === 'string' && user !== '' && this.settings.podSecurity.exemptions.usernames.has(user);
  }

  private exemption(reason: 'namespace' | 'user'): Verdict {
    this.events.push({ type: 'exemption' });
    return ALLOWED_BY[reason];
  }

  private policyOf(labels: Readonly<Record<string, unknown>> | undefined): { policy: NamespacePolicy; errors: FieldError[] } {
    return policyToEvaluate(labels, this.settings.podSecurity.defaults);
  }

  /** A namespace's policy, parsed once per namespace object the cluster view hands out. */
  private namespacePolicy(ns: NamespaceInfo): { policy: NamespacePolicy; errors: FieldError[] } {
    let byDefaults = POLICY_CACHE.get(this.settings.podSecurity);
    if (!byDefaults) POLICY_CACHE.set(this.settings.podSecurity, (byDefaults = new WeakMap()));
    let p = byDefaults.get(ns);
    if (!p) byDefaults.set(ns, (p = this.policyOf(ns.labels)));
    return p;
  }

  async validate(): Promise<Verdict> {
    // The in-tree plugin handles only CREATE and UPDATE (plugin/pkg/admission/security/podsecurity).
    if (this.req.operation !== 'CREATE' && this.req.operation !== 'UPDATE') return ALLOWED;
    const { group, resource } = this.req.resource;
    if (group === '' && resource === 'namespaces') return this.validateNamespace();
    if (group === '' && resource === 'pods') return this.validatePod();
    return this.validatePodController();
  }

  private async validateNamespace(): Promise<Verdict> {
    if (subresourceOf(this.req) !== '') return ALLOWED;
    const obj = this.req.object;
    if (obj !== null && obj !== undefined && !isMapping(obj))
      return errorVerdict(badRequestStatus('failed to decode object'), 'the object is not a JSON object');
    if (!isMapping(obj) || obj.kind !== 'Namespace') return errorVerdict(badRequestStatus('failed to decode namespace'));
    const next = this.policyOf(obj.metadata?.labels);
    const kind = this.req.kind;
    const name = this.req.name ?? '';
    if (this.req.operation === 'CREATE') {
      return next.errors.length > 0 ? { allowed: false, status: invalidStatus({ group: kind.group, kind: kind.kind }, name, next.errors) } : ALLOWED;
    }
    const old = this.req.oldObject;
    // Upstream's messages, double space included.
    if (old !== null && old !== undefined && !isMapping(old))
      return errorVerdict(badRequestStatus('failed to decode  old object'), 'the old object is not a JSON object');
    if (!isMapping(old) || old.kind !== 'Namespace') return errorVerdict(badRequestStatus('failed to decode  old namespace'));
    const before = this.policyOf(old.metadata?.labels);
    // Invalid labels are refused only when they changed.
    if (next.errors.length > 0 && (before.errors.length === 0 || aggregateFieldErrors(next.errors) !== aggregateFieldErrors(before.errors))) {
      return { allowed: false, status: invalidStatus({ group: kind.group, kind: kind.kind }, name, next.errors) };
    }
    const enforce = next.policy.enforce;
    const previous = before.policy.enforce;
    // No dry run of existing pods when enforce is unchanged, privileged, relaxed at the same version, or exempt.
    if (sameLevelVersion(enforce, previous)) return ALLOWED;
    if (enforce.level === 'privileged') return ALLOWED;
    if (enforce.version === previous.version && compareLevels(enforce.level, previous.level) < 1) return ALLOWED;
    if (this.exemptNamespace()) return ALLOWED_BY.namespace;
    const warnings = await evaluatePodsInNamespace({
      cluster: this.ctx.cluster,
      namespace: String(obj.metadata?.name ?? ''),
      enforce,
      exemptRuntimeClasses: this.settings.podSecurity.exemptions.runtimeClasses,
      limits: this.settings.namespaceLimits,
      now: this.ctx.now,
      requestDeadline: this.ctx.deadline,
    });
    return warnings.length > 0 ? { allowed: true, warnings } : { allowed: true };
  }

  /**
   * What pods and workloads share before evaluation: exempt namespaces and users end the request
   * allowed, and a namespace that cannot be looked up ends it as `onLookupFailure` says.
   */
  private async namespaceOrVerdict(onLookupFailure: (cause: string) => Verdict): Promise<NamespaceInfo | Verdict> {
    if (this.exemptNamespace()) return this.exemption('namespace');
    if (this.exemptUser()) return this.exemption('user');
    try {
      return await this.ctx.cluster.namespace(this.namespaceName);
    } catch (e) {
      this.events.push({ type: 'error', fatal: true });
      return onLookupFailure(errorText(e));
    }
  }

  private async validatePod(): Promise<Verdict> {
    if (IGNORED_POD_SUBRESOURCES.has(subresourceOf(this.req))) return ALLOWED;
    // Fails closed, as upstream: a pod is not admitted unjudged.
    const ns = await this.namespaceOrVerdict((cause) => errorVerdict(internalErrorStatus(`failed to lookup namespace ${this.namespaceName}`), cause));
    if (!isNamespace(ns)) return ns;
    const { policy, errors } = this.namespacePolicy(ns);
    const policiesApply = this.policiesFor(ns) !== undefined;
    if (
      errors.length === 0 &&
      policy.enforce.level === 'privileged' &&
      policy.warn.level === 'privileged' &&
      policy.audit.level === 'privileged' &&
      !policiesApply
    ) {
      this.events.push({ type: 'evaluation', decision: 'allow', policy: policy.enforce, mode: 'enforce' });
      return ALLOWED_PRIVILEGED;
    }
    const obj = this.req.object;
    if (obj !== null && obj !== undefined && !isMapping(obj))
      return this.fatal(errorVerdict(badRequestStatus('failed to decode object'), 'the object is not a JSON object'));
    if (!isMapping(obj) || obj.kind !== 'Pod') return this.fatal(errorVerdict(badRequestStatus('failed to decode pod')));
    if (this.req.operation === 'UPDATE') {
      const old = this.req.oldObject;
      if (old !== null && old !== undefined && !isMapping(old))
        return this.fatal(errorVerdict(badRequestStatus('failed to decode old object'), 'the old object is not a JSON object'));
      if (!isMapping(old) || old.kind !== 'Pod') return this.fatal(errorVerdict(badRequestStatus('failed to decode old pod')));
      // Nothing that can change the verdict changed, so always allow the update.
      if (!isSignificantPodUpdate(obj, old)) return ALLOWED;
    }
    return this.evaluatePod(ns, policy, errors, obj, true);
  }

  private fatal(v: Verdict): Verdict {
    this.events.push({ type: 'error', fatal: true });
    return v;
  }

  private async validatePodController(): Promise<Verdict> {
    if (subresourceOf(this.req) !== '') return ALLOWED;
    // Fails open, as upstream: the workload's pods are still judged.
    const ns = await this.namespaceOrVerdict((cause) => allowedWithError(`failed to lookup namespace ${this.namespaceName}: ${cause}`));
    if (!isNamespace(ns)) return ns;
    const { policy, errors } = this.namespacePolicy(ns);
    const denyEarly = this.denyWorkloads(ns) && policy.enforce.level !== 'privileged';
    if (errors.length === 0 && policy.warn.level === 'privileged' && policy.audit.level === 'privileged' && !denyEarly && this.policiesFor(ns) === undefined) {
      return ALLOWED;
    }
    const obj = this.req.object;
    if (!isMapping(obj)) {
      this.events.push({ type: 'error', fatal: true });
      return allowedWithError(
        `failed to decode object: ${obj === null || obj === undefined ? 'the request has no object' : 'the object is not a JSON object'}`,
      );
    }
    if (!podViewOf(obj)) {
      this.events.push({ type: 'error', fatal: true });
      return allowedWithError(`failed to extract pod template: unexpected object type: ${gvkString(obj)}`);
    }
    // A ReplicationController's template is optional; without one there is nothing to evaluate.
    if (obj.kind === 'ReplicationController' && !(isMapping(obj['spec']) && isMapping(obj['spec']['template']))) return ALLOWED;
    return this.evaluatePod(ns, policy, errors, obj, false);
  }

  private denyWorkloads(ns: NamespaceInfo): boolean {
    return switchesOf(this.settings, ns).denyWorkloads;
  }

  private policiesFor(ns: NamespaceInfo) {
    const p = this.settings.policies;
    return p && p.denyAt === 'never' && p.warnAt === 'never' ? undefined : p ? { actions: p, settings: p.settingsFor(ns.name) } : undefined;
  }

  /** EvaluatePod: enforce (pods, and workloads when podguard denies them early), then audit, then warn. */
  private evaluatePod(ns: NamespaceInfo, policy: NamespacePolicy, policyErrors: FieldError[], obj: KubeObject, isPod: boolean): Verdict {
    const view = podViewOf(obj)!;
    const rc = view.spec.runtimeClassName;
    if (typeof rc === 'string' && rc !== '' && this.settings.podSecurity.exemptions.runtimeClasses.has(rc)) {
      this.events.push({ type: 'exemption' });
      return ALLOWED_BY.runtimeClass;
    }
    const annotations: Record<string, string> = {};
    if (policyErrors.length > 0) {
      annotations[AUDIT.error] = `Failed to parse policy: ${aggregateFieldErrors(policyErrors)}`;
      this.events.push({ type: 'error', fatal: false });
    }
    const outcomes = new OutcomeCache(obj);
    // With hardening policies, one evaluation at the enforce level serves both.
    const policies = this.policiesFor(ns);
    let found: PolicyOutcome | undefined;
    if (policies) {
      const both = evaluateWithPolicies(obj, policies.settings, policy.enforce, policies.actions);
      outcomes.seed(policy.enforce, both.pss);
      found = both.policies;
    }
    let verdict: { allowed: boolean; status?: Status; warnings?: string[] } = { allowed: true };
    const gr = { group: this.req.resource.group, resource: this.req.resource.resource };
    const name = this.req.name ?? '';

    if (isPod) {
      annotations[AUDIT.enforcePolicy] = levelVersionString(policy.enforce);
      const result = outcomes.at(policy.enforce);
      if (!result.allowed)
        verdict = {
          allowed: false,
          status: forbiddenStatus(gr, name, `violates PodSecurity ${goQuote(levelVersionString(policy.enforce))}: ${forbiddenDetail(result)}`),
        };
      this.events.push({ type: 'evaluation', decision: result.allowed ? 'allow' : 'deny', policy: policy.enforce, mode: 'enforce' });
    } else if (this.denyWorkloads(ns) && policy.enforce.level !== 'privileged') {
      // podguard: a workload whose pods would all be refused fails now, at `kubectl apply`. Judged
      // as its pods will be admitted: after /mutate's safe fixes where the namespace has them.
      const judged = switchesOf(this.settings, ns).mutate ? planSafeMutations(obj, this.settings.policies?.settingsFor(ns.name)).mutated : obj;
      const result = judged === obj ? outcomes.at(policy.enforce) : new OutcomeCache(judged).at(policy.enforce);
      if (!result.allowed)
        verdict = {
          allowed: false,
          status: forbiddenStatus(gr, name, `violates PodSecurity ${goQuote(levelVersionString(policy.enforce))}: ${forbiddenDetail(result)}`),
        };
      this.events.push({ type: 'evaluation', decision: result.allowed ? 'allow' : 'deny', policy: policy.enforce, mode: 'enforce' });
    }

    const audit = outcomes.at(policy.audit);
    if (!audit.allowed) {
      annotations[AUDIT.auditViolations] = `would violate PodSecurity ${goQuote(levelVersionString(policy.audit))}: ${forbiddenDetail(audit)}`;
      this.events.push({ type: 'evaluation', decision: 'deny', policy: policy.audit, mode: 'audit' });
    }
    // Avoid adding warnings to a request that is already rejected.
    if (verdict.allowed) {
      const warn = outcomes.at(policy.warn);
      if (!warn.allowed) {
        verdict.warnings = [`would violate PodSecurity ${goQuote(levelVersionString(policy.warn))}: ${forbiddenDetail(warn)}`];
        this.events.push({ type: 'evaluation', decision: 'deny', policy: policy.warn, mode: 'warn' });
      }
    }

    // podguard's hardening policies: never loosen the standard's verdict, only add to it.
    if (found) {
      if (found.audit) annotations[AUDIT.podguardViolations] = found.audit;
      if (verdict.allowed && found.deny && (isPod || this.denyWorkloads(ns))) {
        verdict = { allowed: false, status: forbiddenStatus(gr, name, found.deny) };
      } else if (verdict.allowed) {
        // A workload is not denied for a policy unless workloads are denied early: it is warned.
        const more = [...found.denyWarnings, ...found.warnings];
        if (more.length > 0) verdict.warnings = [...(verdict.warnings ?? []), ...more];
      }
    }

    const legacy = switchesOf(this.settings, ns).legacyWarnings;
    if (legacy.length > 0) verdict.warnings = [...(verdict.warnings ?? []), ...legacy];

    const out: { -readonly [K in keyof Verdict]: Verdict[K] } = { allowed: verdict.allowed };
    if (verdict.status) out.status = verdict.status;
    if (verdict.warnings && verdict.warnings.length > 0) out.warnings = verdict.warnings;
    if (Object.keys(annotations).length > 0) out.auditAnnotations = annotations;
    return out;
  }
}

/** schema.GroupVersionKind.String() of an object: `apps/v1, Kind=Deployment`, `/v1, Kind=ConfigMap`. */
function gvkString(obj: KubeObject): string {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return `${group}/${version}, Kind=${typeof obj.kind === 'string' ? obj.kind : ''}`;
}

/** The /validate decision for one request. */
export async function decide(req: AdmissionRequest, ctx: DecisionContext): Promise<Decision> {
  const d = new Decider(req, ctx);
  const verdict = await d.validate();
  return { verdict, events: d.events };
}
