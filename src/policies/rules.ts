// Every check podguard can report — the 19 Pod Security Standards checks and a registry's
// policies — as one list of rule descriptions, for formats that describe rules (SARIF) and for
// `podguard policies list`.

import type { Category, Reference } from './policy';
import { PSS_SEVERITY, type Severity } from './severity';
import { pssRegistry } from '../pss/registry';
import { builtinPolicies, type PolicyRegistry } from './registry';

export interface RuleInfo {
  readonly id: string;
  readonly standard: 'pss' | 'podguard';
  readonly title: string;
  readonly severity: Severity;
  /** PSS: the standard's text. Policies: the rationale. */
  readonly description: string;
  readonly remediation?: string;
  readonly references: readonly Reference[];
  /** PSS checks: their level. */
  readonly level?: 'baseline' | 'restricted';
  /** Policies: their category and preset. */
  readonly category?: Category;
  readonly preset?: 'recommended' | 'strict';
}

const PSS_DOC: Reference = { title: 'Kubernetes: Pod Security Standards', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' };

const cache = new WeakMap<PolicyRegistry, readonly RuleInfo[]>();

/** PSS checks in upstream's order (baseline, then restricted, by id), then the registry's policies in its order. */
export function allRules(registry: PolicyRegistry = builtinPolicies()): readonly RuleInfo[] {
  const cached = cache.get(registry);
  if (cached) return cached;
  const pss = [...pssRegistry().checks].sort((a, b) => (a.level === b.level ? (a.id < b.id ? -1 : 1) : a.level === 'baseline' ? -1 : 1));
  const rules: readonly RuleInfo[] = [
    ...pss.map((c): RuleInfo => ({
      id: c.id,
      standard: 'pss',
      title: c.title,
      severity: PSS_SEVERITY[c.id] ?? 'medium',
      description: c.description,
      references: [PSS_DOC],
      level: c.level,
    })),
    ...registry.policies.map((p): RuleInfo => ({
      id: p.id,
      standard: 'podguard',
      title: p.title,
      severity: p.severity,
      description: p.rationale,
      remediation: p.remediation,
      references: p.references,
      category: p.category,
      preset: p.preset,
    })),
  ];
  cache.set(registry, rules);
  return rules;
}
