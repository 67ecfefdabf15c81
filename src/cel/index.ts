// podguard's CEL: Kubernetes' CEL environment (the libraries of k8s.io/apiserver/pkg/cel at a
// Kubernetes version) on the CEL library @marcbachmann/cel-js, with RE2 regular expressions and
// cel-go's runtime cost limit. Everything CEL in podguard goes through these two functions:
//
//   const c = compileCel('object.spec.replicas <= 5', { version: 'v1.37', variables: { object: 'dyn' } });
//   if (!c.ok) report(c.errors);               // message, line and column within the expression (1-based)
//   const r = evaluateCel(c.program, { object }); // { ok, value, cost } or { ok: false, error }
//
// Activations are JSON as the API server decodes objects (integral numbers are CEL ints); values
// come back as the CEL library represents them (int: bigint, double: number, list: array, map:
// object or Map); celToTaggedJson renders them unambiguously. The `authorizer` variable is
// built with `new CelAuthorizer(authorizeFunction, user, groups)` (library/authz.ts).

import { COST_LIMIT_EXCEEDED, CostMeter, PER_CALL_LIMIT, withMeter } from './cost';
import { NEWEST_MINOR, OLDEST_MINOR, environmentFor, parseMinor, prepareAst } from './environment';
import { jsonToCel } from './values';

export { COST_LIMIT_EXCEEDED, MATCH_CONDITIONS_COST_BUDGET, PER_CALL_LIMIT, RUNTIME_COST_BUDGET } from './cost';
export { celToTaggedJson, jsonToCel } from './values';
export { CelAuthorizer, requestResourceCheck, type AuthorizeFunction, type AuthzAttributes, type AuthzDecision } from './library/authz';

/** A CEL type name as the library spells it: 'bool', 'int', 'string', 'list<string>', 'map<string, dyn>', 'kubernetes.authorization.Authorizer', … */
export type CelType = string;

export interface CelEnvOptions {
  /** Kubernetes minor whose CEL environment to use, "v1.37" (default: the newest, v1.37). */
  version?: string;
  variables: Record<string, CelType | 'dyn'>;
  /** Cost limit of one evaluation (default: Kubernetes' PerCallLimit, 1,000,000). */
  costLimit?: number;
}

export interface CelError {
  message: string;
  /** 1-based, within the expression. */
  line: number;
  column: number;
}

export interface CelProgram {
  readonly expression: string;
  /** The Kubernetes minor of the environment it was compiled in. */
  readonly minor: number;
  /** The checked result type ('bool', 'string', 'dyn', …). */
  readonly outputType: string;
  readonly costLimit: number;
  /** @internal */
  readonly run: (activation: Record<string, unknown>) => unknown;
}

export type CompileResult = { ok: true; program: CelProgram } | { ok: false; errors: CelError[] };
export type EvaluateResult = { ok: true; value: unknown; cost: number } | { ok: false; error: string; cost: number };

function position(expression: string, offset: number | undefined): { line: number; column: number } {
  let line = 1;
  let column = 1;
  const end = Math.min(offset ?? 0, expression.length);
  for (let i = 0; i < end; i++) {
    if (expression[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

function celError(expression: string, e: unknown): CelError {
  const err = e as { summary?: string; message?: string; range?: { start?: number } };
  const message = err.summary ?? err.message ?? String(e);
  return { message, ...position(expression, err.range?.start) };
}

/** Parses and type-checks an expression in Kubernetes' environment at a version. Never throws for a bad expression. */
export function compileCel(expression: string, env: CelEnvOptions): CompileResult {
  const minor = env.version === undefined ? NEWEST_MINOR : parseMinor(env.version);
  if (minor === undefined)
    return { ok: false, errors: [{ message: `bad Kubernetes version ${JSON.stringify(env.version)}: expected v1.N`, line: 1, column: 1 }] };
  const built = environmentFor(Math.max(OLDEST_MINOR, Math.min(NEWEST_MINOR, minor)), env.variables);
  let parsed: ReturnType<typeof built.env.parse>;
  try {
    parsed = built.env.parse(expression);
  } catch (e) {
    return { ok: false, errors: [celError(expression, e)] };
  }
  const problems = prepareAst(parsed.ast, built.minor);
  if (problems.length > 0) return { ok: false, errors: problems.map((p) => ({ message: p.message, ...position(expression, p.offset) })) };
  const checked = parsed.check();
  if (!checked.valid) return { ok: false, errors: [celError(expression, checked.error)] };
  const run = parsed as unknown as (a: Record<string, unknown>) => unknown;
  return { ok: true, program: { expression, minor: built.minor, outputType: checked.type ?? 'dyn', costLimit: env.costLimit ?? PER_CALL_LIMIT, run } };
}

/**
 * Evaluates a compiled expression. costBudget, when given, is what is left of a budget shared by
 * several expressions (the API server's per-call budget); the smaller of it and the program's
 * limit applies. The result's cost is what this evaluation used.
 */
export function evaluateCel(program: CelProgram, activation: Record<string, unknown>, opts?: { costBudget?: number }): EvaluateResult {
  const meter = new CostMeter(Math.min(program.costLimit, opts?.costBudget ?? Infinity));
  const bound: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(activation)) bound[k] = jsonToCel(v);
  try {
    const value = withMeter(meter, () => program.run(bound));
    if (meter.exceeded) return { ok: false, error: COST_LIMIT_EXCEEDED, cost: meter.cost };
    if (value instanceof Promise) return { ok: false, error: 'internal: asynchronous CEL evaluation', cost: meter.cost };
    return { ok: true, value, cost: meter.cost };
  } catch (e) {
    if (meter.exceeded) return { ok: false, error: COST_LIMIT_EXCEEDED, cost: meter.cost };
    const err = e as { summary?: string; message?: string };
    return { ok: false, error: celGoWording(err.summary ?? err.message ?? String(e)), cost: meter.cost };
  }
}

/**
 * Runtime errors reach users (a ValidatingAdmissionPolicy's "expression '…' resulted in error: …"),
 * so the CEL library's wording is turned into cel-go's where they differ (common/types/err.go,
 * the differential compares them). Prefix tests only: the text may carry an object's keys.
 */
function celGoWording(message: string): string {
  const bounds = 'No such key: index out of bounds, index ';
  if (message.startsWith(bounds)) return `index out of bounds: ${message.slice(bounds.length).split(' ')[0]}`;
  if (message.startsWith('No such key: ')) return `no such key: ${message.slice('No such key: '.length)}`;
  if (message.startsWith('integer overflow')) return 'integer overflow';
  if (message.startsWith('Unsigned integer overflow')) return 'unsigned integer overflow';
  if (message === 'Optional value is not present') return 'optional.none() dereference';
  return message;
}
