// Kubernetes' authorizer library (k8s.io/apiserver/pkg/cel/library/authz.go): the `authorizer`
// and `requestResource` variables of admission expressions. The decision comes from an
// authorization function given by the caller (podguard's RBAC evaluator, or a test's), so this
// library knows nothing of RBAC.
//   authorizer.group('apps').resource('deployments').namespace('ns').name('n').check('create').allowed()
//   authorizer.path('/healthz').check('get').reason()
//   authorizer.serviceAccount('ns', 'sa').group('').resource('pods').check('get').errored()

import { charge } from '../cost';
import type { Registrar } from './types';

/** One authorization question, as authorizer.AttributesRecord carries it. */
export interface AuthzAttributes {
  user: string;
  groups: readonly string[];
  verb: string;
  /** Set for a non-resource request (authorizer.path). */
  path?: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** The answer: as authorizer.Decision (allow, deny, no opinion), the reason and an evaluation error. */
export interface AuthzDecision {
  decision: 'allow' | 'deny' | 'noOpinion';
  reason: string;
  error?: string;
}

export type AuthorizeFunction = (attrs: AuthzAttributes) => AuthzDecision;

/** The `authorizer` variable's value: who asks, and who answers. */
export class CelAuthorizer {
  constructor(
    readonly authorize: AuthorizeFunction,
    readonly user: string,
    readonly groups: readonly string[],
  ) {}
}

export class CelPathCheck {
  constructor(
    readonly authz: CelAuthorizer,
    readonly path: string,
  ) {}
}

export class CelGroupCheck {
  constructor(
    readonly authz: CelAuthorizer,
    readonly group: string,
  ) {}
}

export class CelResourceCheck {
  constructor(
    readonly authz: CelAuthorizer,
    readonly group: string,
    readonly resource: string,
    readonly subresource = '',
    readonly namespace = '',
    readonly name = '',
  ) {}
  with(field: 'resource' | 'subresource' | 'namespace' | 'name', v: string): CelResourceCheck {
    const f = { resource: this.resource, subresource: this.subresource, namespace: this.namespace, name: this.name, [field]: v };
    return new CelResourceCheck(this.authz, this.group, f.resource, f.subresource, f.namespace, f.name);
  }
}

export class CelAuthzDecision {
  constructor(readonly d: AuthzDecision) {}
}

/** `requestResource`: a resource check for the resource of the admission request (authz.go). */
export function requestResourceCheck(
  authz: CelAuthorizer,
  r: { group: string; resource: string; subresource?: string; namespace?: string; name?: string },
): CelResourceCheck {
  return new CelResourceCheck(authz, r.group, r.resource, r.subresource ?? '', r.namespace ?? '', r.name ?? '');
}

// Authorization checks are expensive in Kubernetes' cost model (library/cost.go: 350000 for check).
const CHECK_COST = 350_000;

export function registerAuthz(env: Registrar): void {
  env.registerType('kubernetes.authorization.Authorizer', CelAuthorizer);
  env.registerType('kubernetes.authorization.PathCheck', CelPathCheck);
  env.registerType('kubernetes.authorization.GroupCheck', CelGroupCheck);
  env.registerType('kubernetes.authorization.ResourceCheck', CelResourceCheck);
  env.registerType('kubernetes.authorization.Decision', CelAuthzDecision);
  const A = 'kubernetes.authorization.Authorizer';
  const R = 'kubernetes.authorization.ResourceCheck';
  const D = 'kubernetes.authorization.Decision';
  env.registerFunction(`${A}.path(string): kubernetes.authorization.PathCheck`, (a: CelAuthorizer, p: string) => new CelPathCheck(a, p));
  env.registerFunction(`${A}.group(string): kubernetes.authorization.GroupCheck`, (a: CelAuthorizer, g: string) => new CelGroupCheck(a, g));
  env.registerFunction(`${A}.serviceAccount(string, string): ${A}`, (a: CelAuthorizer, ns: string, name: string) => {
    // serviceaccount.MakeUsername and MakeGroupNames (k8s.io/apiserver/pkg/authentication/serviceaccount).
    return new CelAuthorizer(a.authorize, `system:serviceaccount:${ns}:${name}`, ['system:serviceaccounts', `system:serviceaccounts:${ns}`]);
  });
  env.registerFunction(
    `kubernetes.authorization.GroupCheck.resource(string): ${R}`,
    (g: CelGroupCheck, r: string) => new CelResourceCheck(g.authz, g.group, r),
  );
  for (const f of ['subresource', 'namespace', 'name'] as const)
    env.registerFunction(`${R}.${f}(string): ${R}`, (r: CelResourceCheck, v: string) => r.with(f, v));
  const decide = (a: CelAuthorizer, attrs: Omit<AuthzAttributes, 'user' | 'groups'>) => {
    charge(CHECK_COST);
    try {
      return new CelAuthzDecision(a.authorize({ ...attrs, user: a.user, groups: a.groups }));
    } catch (e) {
      return new CelAuthzDecision({ decision: 'noOpinion', reason: '', error: (e as Error).message });
    }
  };
  env.registerFunction(`kubernetes.authorization.PathCheck.check(string): ${D}`, (p: CelPathCheck, verb: string) => decide(p.authz, { verb, path: p.path }));
  env.registerFunction(`${R}.check(string): ${D}`, (r: CelResourceCheck, verb: string) =>
    decide(r.authz, { verb, apiGroup: r.group, resource: r.resource, subresource: r.subresource, namespace: r.namespace, name: r.name }),
  );
  env.registerFunction(`${D}.allowed(): bool`, (d: CelAuthzDecision) => d.d.decision === 'allow');
  env.registerFunction(`${D}.reason(): string`, (d: CelAuthzDecision) => d.d.reason);
  env.registerFunction(`${D}.errored(): bool`, (d: CelAuthzDecision) => d.d.error !== undefined);
  env.registerFunction(`${D}.error(): string`, (d: CelAuthzDecision) => d.d.error ?? '');
}
