// CEL policies from podguard.yaml: a policy over objects of any kind, written as Kubernetes'
// ValidatingAdmissionPolicy validations are (`expression` over `object`, `message` or
// `messageExpression`), that becomes an ObjectPolicy in the PolicyRegistry, so scan, fix (as
// findings), audit and the webhook evaluate it with the same exceptions, SARIF rules and docs as
// the built-in ones. Compiled once, when the configuration is read: an expression that does not
// parse or type-check is reported there, with its line and column.

import type { KubeObject } from '../k8s/types';
import { compilePattern, type NamePattern } from '../exceptions/pattern';
import { PASS, type Category, type ObjectPolicy, type PolicyFinding, type PolicyPreset, type Reference } from '../policies/policy';
import type { Severity } from '../policies/severity';
import { selectorMatches } from '../rbac/label-selector';
import type { LabelSelector } from '../rbac/model';
import { RUNTIME_COST_BUDGET } from './cost';
import { compileCel, evaluateCel, type CelError, type CelProgram } from './index';

/** A CEL policy as written in podguard.yaml (schema: src/config/schema.ts, `policies`). */
export interface CelPolicySpec {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category?: Category;
  readonly preset?: PolicyPreset;
  readonly rationale?: string;
  readonly remediation?: string;
  readonly references?: readonly Reference[];
  /** Kubernetes minor whose CEL environment compiles the expressions (default v1.37). */
  readonly celVersion?: string;
  readonly match: {
    readonly kinds: readonly string[];
    readonly namespaces?: readonly string[];
    readonly labelSelector?: { readonly matchLabels?: Record<string, string>; readonly matchExpressions?: LabelSelector['matchExpressions'] };
    /** A CEL expression over `object`; the policy applies only where it is true. */
    readonly condition?: string;
  };
  readonly validations: readonly { readonly expression: string; readonly message?: string; readonly messageExpression?: string }[];
}

/** A compile problem, at a path inside the policy (`['validations', 0, 'expression']`) and a place inside the expression. */
export interface CelPolicyProblem {
  readonly path: readonly (string | number)[];
  readonly error: CelError;
}

interface Validation {
  readonly program: CelProgram;
  readonly message?: string;
  readonly messageProgram?: CelProgram;
}

const VARIABLES = { object: 'dyn' } as const;

/** The policy, or every compile problem of its expressions. */
export function celPolicy(spec: CelPolicySpec): { policy: ObjectPolicy } | { problems: CelPolicyProblem[] } {
  const problems: CelPolicyProblem[] = [];
  const env = { variables: VARIABLES, ...(spec.celVersion !== undefined ? { version: spec.celVersion } : {}) };
  const compile = (expression: string, path: (string | number)[], want: 'bool' | 'string'): CelProgram | undefined => {
    const c = compileCel(expression, env);
    if (!c.ok) {
      for (const error of c.errors) problems.push({ path, error });
      return undefined;
    }
    if (c.program.outputType !== want && c.program.outputType !== 'dyn') {
      problems.push({ path, error: { message: `must evaluate to ${want}, not ${c.program.outputType}`, line: 1, column: 1 } });
      return undefined;
    }
    return c.program;
  };
  const condition = spec.match.condition === undefined ? undefined : compile(spec.match.condition, ['match', 'condition'], 'bool');
  const validations: Validation[] = [];
  spec.validations.forEach((v, i) => {
    const program = compile(v.expression, ['validations', i, 'expression'], 'bool');
    const messageProgram = v.messageExpression === undefined ? undefined : compile(v.messageExpression, ['validations', i, 'messageExpression'], 'string');
    if (program !== undefined)
      validations.push({ program, ...(v.message !== undefined ? { message: v.message } : {}), ...(messageProgram ? { messageProgram } : {}) });
  });
  if (problems.length > 0) return { problems };
  const namespaces = spec.match.namespaces?.map(compilePattern);
  const selector: LabelSelector | undefined = spec.match.labelSelector && {
    matchLabels: spec.match.labelSelector.matchLabels ?? {},
    matchExpressions: spec.match.labelSelector.matchExpressions ?? [],
  };
  return {
    policy: {
      id: spec.id,
      title: spec.title,
      severity: spec.severity,
      category: spec.category ?? 'isolation',
      preset: spec.preset ?? 'recommended',
      rationale: spec.rationale ?? 'A policy of this configuration (CEL).',
      remediation: spec.remediation ?? 'Change the object so that every validation of the policy holds.',
      references: spec.references ?? [],
      target: 'object',
      kinds: spec.match.kinds,
      checkObject: (object) => checkObject(object, namespaces, selector, condition, validations),
    },
  };
}

function stringMap(v: unknown): Record<string, string> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function checkObject(
  object: KubeObject,
  namespaces: readonly NamePattern[] | undefined,
  selector: LabelSelector | undefined,
  condition: CelProgram | undefined,
  validations: readonly Validation[],
): readonly PolicyFinding[] {
  const meta = (object as { metadata?: { namespace?: unknown; labels?: unknown } }).metadata;
  if (namespaces !== undefined) {
    const ns = typeof meta?.namespace === 'string' ? meta.namespace : undefined;
    if (ns === undefined || !namespaces.some((p) => p.test(ns))) return PASS;
  }
  if (selector !== undefined && !selectorMatches(selector, stringMap(meta?.labels))) return PASS;
  // One budget for all the expressions of the policy on one object, as the API server gives one
  // per binding (celconfig.RuntimeCELCostBudget); each expression also has its own limit.
  let budget = RUNTIME_COST_BUDGET;
  const activation = { object };
  const findings: PolicyFinding[] = [];
  if (condition !== undefined) {
    const r = evaluateCel(condition, activation, { costBudget: budget });
    budget -= r.cost;
    if (!r.ok) return [{ detail: `match condition failed: ${r.error}`, fields: [] }];
    if (r.value !== true) return PASS;
  }
  for (const v of validations) {
    const r = evaluateCel(v.program, activation, { costBudget: budget });
    budget -= r.cost;
    if (!r.ok) {
      findings.push({ detail: `expression '${v.program.expression}' resulted in error: ${r.error}`, fields: [] });
      continue;
    }
    if (r.value === true) continue;
    findings.push({ detail: message(v, activation, budget), fields: [] });
  }
  return findings.length === 0 ? PASS : findings;
}

/** The validation's message: messageExpression's result when it gives a non-empty string, else message, else VAP's "failed expression: …". */
function message(v: Validation, activation: Record<string, unknown>, budget: number): string {
  if (v.messageProgram !== undefined) {
    const m = evaluateCel(v.messageProgram, activation, { costBudget: budget });
    if (m.ok && typeof m.value === 'string' && m.value.trim() !== '' && !m.value.includes('\n')) return m.value;
  }
  return v.message ?? `failed expression: ${v.program.expression}`;
}
