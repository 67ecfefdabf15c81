// One admission request judged by ValidatingAdmissionPolicies and their bindings, offline, as the
// API server judges it. Upstream (k8s.io/apiserver/pkg/admission/plugin/policy/):
//   generic/policy_dispatcher.go + validating/dispatcher.go: which bindings apply, params, the
//     decisions of every validation and what each validationAction does with a failed one;
//   validating/validator.go: failurePolicy, matchConditions, variables, validations,
//     messageExpression and the fallbacks of the message, auditAnnotations;
//   matching/matching.go: matchConstraints and matchResources.
// The expressions run in podguard's Kubernetes CEL environment (src/cel).

import { CelAuthorizer, compileCel, evaluateCel, RUNTIME_COST_BUDGET, type AuthorizeFunction, type CelProgram } from '../cel';
import { selectorMatches } from '../rbac/label-selector';
import type { LabelSelector } from '../rbac/model';
import { rulesMatch, type NamedRule, type RequestAttributes } from './rules';

// Policies and objects are JSON as decoded: read field by field, with care for missing ones.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

export interface AdmissionInput {
  readonly attributes: RequestAttributes;
  readonly object: Obj | null;
  readonly oldObject: Obj | null;
  /** The request's namespace as an object (null for cluster-scoped requests). */
  readonly namespaceObject: Obj | null;
  readonly userInfo: { readonly username: string; readonly groups: readonly string[] };
  /** The kind of the object (group, version, kind). */
  readonly kind: { readonly group: string; readonly version: string; readonly kind: string };
  readonly authorize?: AuthorizeFunction;
}

export interface PolicyDecision {
  readonly policy: string;
  readonly binding: string;
  readonly action: 'Deny' | 'Warn' | 'Audit';
  /** The message as the API server words it for this action. */
  readonly message: string;
  readonly reason: string;
}

export interface AdmissionOutcome {
  readonly allowed: boolean;
  /** For a denial: the HTTP status code, reason and message the API server returns. */
  readonly status?: { readonly code: number; readonly reason: string; readonly message: string };
  readonly warnings: readonly string[];
  readonly auditAnnotations: Readonly<Record<string, string>>;
  readonly decisions: readonly PolicyDecision[];
}

/** A policy's expressions, compiled once. */
export interface CompiledPolicy {
  readonly name: string;
  readonly spec: Obj;
  readonly matchConditions: readonly { name: string; program?: CelProgram; error?: string; expression: string }[];
  readonly variables: readonly { name: string; program?: CelProgram; error?: string; expression: string }[];
  readonly validations: readonly {
    readonly expression: string;
    readonly program?: CelProgram;
    readonly error?: string;
    readonly message?: string;
    readonly messageProgram?: CelProgram;
    readonly reason?: string;
  }[];
  readonly auditAnnotations: readonly { key: string; program?: CelProgram; error?: string; expression: string }[];
}

const VARIABLES = {
  object: 'dyn',
  oldObject: 'dyn',
  request: 'dyn',
  params: 'dyn',
  namespaceObject: 'dyn',
  variables: 'dyn',
  authorizer: 'kubernetes.authorization.Authorizer',
  authorizerRequestResource: 'dyn',
} as const;
// matchConditions see neither variables nor (per upstream) the composited ones.
const MATCH_CONDITION_VARIABLES = { ...VARIABLES };

/**
 * cel-go's wording of a runtime error where the CEL library words it differently (the API server
 * quotes cel-go's text in its messages).
 */
function celGoError(error: string): string {
  return error.startsWith('No such key: ') ? `no such key: ${error.slice('No such key: '.length)}` : error;
}

function compile(expression: string, version: string | undefined, variables: Record<string, string>): { program?: CelProgram; error?: string } {
  const c = compileCel(expression, { variables, ...(version !== undefined ? { version } : {}) });
  if (c.ok) return { program: c.program };
  return { error: `compilation failed: ${c.errors.map((e) => `ERROR: <input>:${e.line}:${e.column}: ${e.message}`).join('\n')}` };
}

/** Compiles a ValidatingAdmissionPolicy (version: the Kubernetes CEL environment, default newest). */
export function compilePolicy(policy: Obj, version?: string): CompiledPolicy {
  const spec: Obj = policy['spec'] ?? {};
  const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
  return {
    name: String(policy['metadata']?.name ?? ''),
    spec,
    matchConditions: list(spec['matchConditions']).map((m) => ({
      name: String(m['name'] ?? ''),
      expression: String(m['expression'] ?? ''),
      ...compile(String(m['expression'] ?? ''), version, MATCH_CONDITION_VARIABLES),
    })),
    variables: list(spec['variables']).map((v) => ({
      name: String(v['name'] ?? ''),
      expression: String(v['expression'] ?? ''),
      ...compile(String(v['expression'] ?? ''), version, VARIABLES),
    })),
    validations: list(spec['validations']).map((v) => {
      const compiled = compile(String(v['expression'] ?? ''), version, VARIABLES);
      const message = typeof v['messageExpression'] === 'string' ? compile(v['messageExpression'], version, VARIABLES).program : undefined;
      return {
        expression: String(v['expression'] ?? ''),
        ...compiled,
        ...(typeof v['message'] === 'string' ? { message: v['message'] } : {}),
        ...(message !== undefined ? { messageProgram: message } : {}),
        ...(typeof v['reason'] === 'string' ? { reason: v['reason'] } : {}),
      };
    }),
    auditAnnotations: list(spec['auditAnnotations']).map((a) => ({
      key: String(a['key'] ?? ''),
      expression: String(a['valueExpression'] ?? ''),
      ...compile(String(a['valueExpression'] ?? ''), version, VARIABLES),
    })),
  };
}

function labelSelector(s: unknown): LabelSelector | undefined {
  if (s === null || typeof s !== 'object') return undefined;
  const o = s as Obj;
  return {
    matchLabels: (o['matchLabels'] ?? {}) as Record<string, string>,
    matchExpressions: ((o['matchExpressions'] ?? []) as Obj[]).map((e) => ({
      key: String(e['key']),
      operator: e['operator'],
      values: (e['values'] ?? []) as string[],
    })),
  } as LabelSelector;
}

const labelsOf = (o: Obj | null): Record<string, string> => (o?.['metadata']?.labels ?? {}) as Record<string, string>;

/**
 * matching.go Matches: namespaceSelector (a cluster-scoped request other than for a Namespace
 * always matches; a Namespace is matched by its own labels), objectSelector (the object's or the
 * old object's labels), excludeResourceRules, then resourceRules (none: everything).
 */
export function matchResources(constraints: Obj | undefined, input: AdmissionInput): boolean {
  if (constraints === undefined) return true;
  const a = input.attributes;
  const ns = labelSelector(constraints['namespaceSelector']);
  if (ns !== undefined) {
    const isNamespace = a.group === '' && a.resource === 'namespaces';
    if (a.namespace !== '' || isNamespace) {
      const labels = isNamespace ? labelsOf(input.object ?? input.oldObject) : labelsOf(input.namespaceObject);
      if (!selectorMatches(ns, labels)) return false;
    }
  }
  const objectSelector = labelSelector(constraints['objectSelector']);
  if (objectSelector !== undefined) {
    const matches = (o: Obj | null) => o !== null && selectorMatches(objectSelector, labelsOf(o));
    if (!matches(input.object) && !matches(input.oldObject)) return false;
  }
  const matchPolicy = constraints['matchPolicy'] as string | undefined;
  if (rulesMatch(constraints['excludeResourceRules'] as NamedRule[] | undefined, matchPolicy, a)) return false;
  const rules = constraints['resourceRules'] as NamedRule[] | undefined;
  return rules === undefined || rules.length === 0 || rulesMatch(rules, matchPolicy, a);
}

/** cel.CreateAdmissionRequest, with empty fields left out as the API server's JSON leaves them out. */
function admissionRequest(input: AdmissionInput): Obj {
  const a = input.attributes;
  const gvr = { group: a.group, version: a.version, resource: a.resource };
  const request: Obj = {
    uid: 'podguard-offline',
    kind: input.kind,
    resource: gvr,
    requestKind: input.kind,
    requestResource: gvr,
    operation: a.operation,
    userInfo: { username: input.userInfo.username, ...(input.userInfo.groups.length > 0 ? { groups: [...input.userInfo.groups] } : {}) },
    dryRun: true,
  };
  if (a.subresource !== '') {
    request['subResource'] = a.subresource;
    request['requestSubResource'] = a.subresource;
  }
  if (a.name !== '') request['name'] = a.name;
  if (a.namespace !== '') request['namespace'] = a.namespace;
  return request;
}

/** validator.go: the decision for an error is Deny under failurePolicy Fail, nothing under Ignore. */
interface Decision {
  readonly deny: boolean;
  readonly message: string;
  readonly reason: string;
}

const REASON_CODES: Readonly<Record<string, number>> = { Forbidden: 403, Unauthorized: 401, RequestEntityTooLarge: 413, Invalid: 422 };

/** Judges one policy with one binding and one param (or none) against the request. */
function validate(
  policy: CompiledPolicy,
  input: AdmissionInput,
  params: Obj | null,
  failurePolicy: string,
): { decisions: Decision[]; audit: Record<string, string> } {
  const fail = failurePolicy !== 'Ignore';
  const onError = (message: string): { decisions: Decision[]; audit: Record<string, string> } => ({
    decisions: fail ? [{ deny: true, message, reason: 'Invalid' }] : [],
    audit: {},
  });
  const authorizer = input.authorize ? new CelAuthorizer(input.authorize, input.userInfo.username, input.userInfo.groups) : undefined;
  const activation: Record<string, unknown> = {
    object: input.object,
    oldObject: input.oldObject,
    request: admissionRequest(input),
    params,
    namespaceObject: input.namespaceObject,
    ...(authorizer !== undefined ? { authorizer } : {}),
  };
  let budget = RUNTIME_COST_BUDGET;
  const run = (program: CelProgram, extra: Record<string, unknown> = {}) => {
    const r = evaluateCel(program, { ...activation, ...extra }, { costBudget: budget });
    budget -= r.cost;
    return r.ok ? r : { ...r, error: celGoError(r.error) };
  };

  // matchConditions: all must be true; an error fails the request (or is ignored) after every
  // condition was tried and none was false (upstream matchconditions/matcher.go).
  let matchError: string | undefined;
  for (const m of policy.matchConditions) {
    if (m.program === undefined) {
      matchError ??= `expression '${m.expression}' resulted in error: ${m.error}`;
      continue;
    }
    const r = run(m.program);
    if (!r.ok) matchError ??= `expression '${m.expression}' resulted in error: ${r.error}`;
    else if (r.value === false) return { decisions: [], audit: {} };
  }
  if (matchError !== undefined) return onError(matchError);

  // Variables, each seeing those before it. Upstream evaluates them lazily; an error surfaces
  // where a validation uses the variable.
  const variables: Record<string, unknown> = {};
  const variableErrors = new Map<string, string>();
  for (const v of policy.variables) {
    if (v.program === undefined) {
      variableErrors.set(v.name, v.error ?? 'compilation failed');
      continue;
    }
    const r = run(v.program, { variables });
    if (r.ok) variables[v.name] = r.value;
    else variableErrors.set(v.name, r.error);
  }

  const decisions: Decision[] = [];
  for (const v of policy.validations) {
    if (v.program === undefined) {
      if (fail) decisions.push({ deny: true, message: `expression '${v.expression}' resulted in error: ${v.error}`, reason: 'Invalid' });
      continue;
    }
    const r = run(v.program, { variables });
    if (!r.ok) {
      const failedVariable = [...variableErrors.entries()].find(([name]) => v.expression.includes(`variables.${name}`));
      const error = failedVariable !== undefined ? `composited variable "${failedVariable[0]}" fails to evaluate: ${failedVariable[1]}` : r.error;
      if (fail) decisions.push({ deny: true, message: `expression '${v.expression}' resulted in error: ${error}`, reason: 'Invalid' });
      continue;
    }
    if (r.value === true) continue;
    // validator.go: messageExpression first (a non-empty single-line string), then message, then the expression.
    let message = '';
    if (v.messageProgram !== undefined) {
      const m = run(v.messageProgram, { variables });
      if (m.ok && typeof m.value === 'string') {
        const trimmed = m.value.trim();
        if (trimmed !== '' && !trimmed.includes('\n')) message = trimmed;
      }
    }
    if (message === '') message = v.message !== undefined && v.message !== '' ? v.message : `failed expression: ${v.expression.trim()}`;
    decisions.push({ deny: true, message, reason: v.reason ?? 'Invalid' });
  }

  const audit: Record<string, string> = {};
  for (const a of policy.auditAnnotations) {
    if (a.program === undefined) continue;
    const r = run(a.program, { variables });
    if (r.ok && typeof r.value === 'string' && r.value !== '') audit[`${policy.name}/${a.key}`] = r.value;
  }
  return { decisions, audit };
}

export interface PolicySet {
  readonly policies: ReadonlyMap<string, CompiledPolicy>;
  readonly bindings: readonly Obj[];
  /** Every object that may serve as a param. */
  readonly params: readonly Obj[];
}

/** The params a binding's paramRef selects (generic/policy_dispatcher.go collectParams), or the reason there are none. */
function paramsFor(policy: CompiledPolicy, binding: Obj, input: AdmissionInput, set: PolicySet): { params: (Obj | null)[] } | { error: string } {
  const paramKind = policy.spec['paramKind'] as Obj | undefined;
  if (paramKind === undefined) return { params: [null] };
  const ref = binding['spec']?.paramRef as Obj | undefined;
  if (ref === undefined) return { error: `failed to configure binding: paramKind set but no paramRef` };
  const candidates = set.params.filter((p) => p['apiVersion'] === paramKind['apiVersion'] && p['kind'] === paramKind['kind']);
  const namespaced = candidates.some((p) => typeof p['metadata']?.namespace === 'string' && p['metadata'].namespace !== '');
  // An empty paramRef.namespace means the request's namespace for namespaced params.
  let namespace = typeof ref['namespace'] === 'string' ? ref['namespace'] : '';
  if (namespace === '' && namespaced) {
    if (input.attributes.namespace === '') return { error: 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources' };
    namespace = input.attributes.namespace;
  }
  const inNamespace = candidates.filter((p) => String(p['metadata']?.namespace ?? '') === namespace);
  let found: Obj[];
  if (typeof ref['name'] === 'string' && ref['name'] !== '') found = inNamespace.filter((p) => p['metadata']?.name === ref['name']);
  else {
    const selector = labelSelector(ref['selector'] ?? {});
    found = selector === undefined ? [] : inNamespace.filter((p) => selectorMatches(selector, labelsOf(p)));
  }
  if (found.length > 0) return { params: found };
  if (ref['parameterNotFoundAction'] === 'Allow') return { params: [] };
  return { error: 'failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction' };
}

/** Every binding's policy judges the request; the API server's answer. */
export function admit(set: PolicySet, input: AdmissionInput): AdmissionOutcome {
  const decisions: PolicyDecision[] = [];
  const warnings: string[] = [];
  const auditAnnotations: Record<string, string> = {};
  for (const binding of set.bindings) {
    const bindingName = String(binding['metadata']?.name ?? '');
    const policy = set.policies.get(String(binding['spec']?.policyName ?? ''));
    if (policy === undefined) continue; // upstream: a binding whose policy is missing is skipped
    if (!matchResources(policy.spec['matchConstraints'], input)) continue;
    if (!matchResources(binding['spec']?.matchResources, input)) continue;
    const failurePolicy = String(policy.spec['failurePolicy'] ?? 'Fail');
    const actions = ((binding['spec']?.validationActions ?? []) as string[]).filter(
      (a): a is PolicyDecision['action'] => a === 'Deny' || a === 'Warn' || a === 'Audit',
    );
    const found = paramsFor(policy, binding, input, set);
    const results: Decision[] = [];
    if ('error' in found) {
      // policy_dispatcher.go: a binding that cannot be configured fails the request whatever its
      // validationActions say (unless failurePolicy is Ignore).
      if (failurePolicy !== 'Ignore') {
        const message = `ValidatingAdmissionPolicy '${policy.name}' with binding '${bindingName}' denied request: ${found.error}`;
        decisions.push({ policy: policy.name, binding: bindingName, action: 'Deny', message, reason: 'Invalid' });
      }
    } else {
      for (const params of found.params) {
        const r = validate(policy, input, params, failurePolicy);
        results.push(...r.decisions);
        Object.assign(auditAnnotations, r.audit);
      }
    }
    for (const d of results) {
      for (const action of actions) {
        const message =
          action === 'Warn'
            ? `Validation failed for ValidatingAdmissionPolicy '${policy.name}' with binding '${bindingName}': ${d.message}`
            : `ValidatingAdmissionPolicy '${policy.name}' with binding '${bindingName}' denied request: ${d.message}`;
        decisions.push({ policy: policy.name, binding: bindingName, action, message, reason: d.reason });
        if (action === 'Warn') warnings.push(message);
      }
    }
  }
  const denied = decisions.find((d) => d.action === 'Deny');
  if (denied === undefined) return { allowed: true, warnings, auditAnnotations, decisions };
  const reason = denied.reason === '' ? 'Invalid' : denied.reason;
  // admission.NewForbidden: `<resource>[.<group>] "<name>" is forbidden: <message>`.
  const a = input.attributes;
  const resource = a.group === '' ? a.resource : `${a.resource}.${a.group}`;
  const message = `${resource} ${JSON.stringify(a.name)} is forbidden: ${denied.message}`;
  return { allowed: false, status: { code: REASON_CODES[reason] ?? 422, reason, message }, warnings, auditAnnotations, decisions };
}
