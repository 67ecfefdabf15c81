// Whether one PolicyRule allows one request, exactly as the RBAC authorizer decides it.
// Upstream: plugin/pkg/auth/authorizer/rbac/rbac.go (RuleAllows) and
// pkg/apis/rbac/v1/evaluation_helpers.go (VerbMatches, APIGroupMatches, ResourceMatches,
// ResourceNameMatches, NonResourceURLMatches). Plain string comparisons, linear in the rule.

import type { PolicyRule } from './model';

/** A request as the authorizer sees it (authorizer.Attributes). */
export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

export interface ResourceAttributes {
  readonly verb: string;
  /** "" for cluster-scoped requests. */
  readonly namespace: string;
  /** "" is the core group. */
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  /** "" when the request names no object (list, create, …). */
  readonly name: string;
}

export interface NonResourceAttributes {
  readonly verb: string;
  readonly path: string;
}

export function isResourceRequest(a: RequestAttributes): a is ResourceAttributes {
  return 'resource' in a;
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const v of rule.verbs) if (v === '*' || v === verb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const g of rule.apiGroups) if (g === '*' || g === group) return true;
  return false;
}

/** `combined` is `resource` or `resource/subresource`; a rule's `*\/sub` matches any resource's `sub`. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === '*' || r === combined) return true;
    if (subresource === '') continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

/** No resourceNames: any name (including none); otherwise the request must name one of them. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  for (const n of rule.resourceNames) if (n === name) return true;
  return false;
}

/** `*` matches every path; a trailing `*` (strings.TrimRight: all of them) makes the rest a prefix. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*')) {
      let end = u.length;
      while (end > 0 && u.charCodeAt(end - 1) === 42 /* * */) end--;
      if (path.startsWith(u.slice(0, end))) return true;
    }
  }
  return false;
}

export function ruleAllows(a: RequestAttributes, rule: PolicyRule): boolean {
  if (isResourceRequest(a)) {
    const combined = a.subresource !== '' ? `${a.resource}/${a.subresource}` : a.resource;
    return (
      verbMatches(rule, a.verb) && apiGroupMatches(rule, a.apiGroup) && resourceMatches(rule, combined, a.subresource) && resourceNameMatches(rule, a.name)
    );
  }
  return verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.path);
}

/** The request in words: `create pods/exec` in `apps` … for messages and `can`. */
export function describeRequest(a: RequestAttributes): string {
  if (!isResourceRequest(a)) return `${a.verb} ${a.path}`;
  const group = a.apiGroup === '' ? '' : `.${a.apiGroup}`;
  const sub = a.subresource === '' ? '' : `/${a.subresource}`;
  const name = a.name === '' ? '' : ` ${JSON.stringify(a.name)}`;
  return `${a.verb} ${a.resource}${group}${sub}${name}`;
}
