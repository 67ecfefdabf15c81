// Kubernetes' CEL environment per version, as k8s.io/apiserver/pkg/cel/environment/base.go builds
// it (baseOpts): each library from the Kubernetes minor that introduced it. Built once per version
// and set of variables, then reused.
//   v1.0   homogeneous aggregate literals, regex (find, findAll), lists, strings v0
//   v1.27  authorizer
//   v1.28  optional types (.?field, optional.of, ...), quantity
//   v1.29  strings v2, sets
//   v1.30  ip, cidr (net.IP, net.CIDR)
//   v1.32  two-variable comprehensions
//   v1.33  semver
//   v1.34  cel-go ext.Lists v3 (slice, flatten, sort, reverse, distinct, lists.range, sortBy)
// Not yet here: urls, format (an expression using
// them fails to compile with "found no matching overload" or "Unknown variable").

import { Environment } from '@marcbachmann/cel-js';
import { registerAuthz } from './library/authz';
import { registerExtLists } from './library/ext-lists';
import { registerNet } from './library/net';
import { registerTwoVarComprehensions } from './library/comprehensions';
import { registerLists, registerSets } from './library/lists';
import { MATCHES, registerRegex } from './library/regex';
import { registerOptional } from './library/optional';
import { registerQuantity } from './library/quantity';
import { registerSemver } from './library/semver';
import { registerStrings } from './library/strings';
import type { AstNode, Evaluator, Registrar } from './library/types';
import { charge } from './cost';
import { compileRegex } from './regex';

/** The newest Kubernetes minor whose environment this reproduces, and the oldest. */
export const NEWEST_MINOR = 37;
export const OLDEST_MINOR = 23;

export interface BuiltEnvironment {
  env: Environment;
  minor: number;
}

/** "v1.37" or "1.37" → 37; undefined when malformed. */
export function parseMinor(version: string): number | undefined {
  const m = /^v?1\.(\d{1,3})$/.exec(version);
  return m === null ? undefined : Number(m[1]);
}

const cache = new Map<string, BuiltEnvironment>();

export function environmentFor(minor: number, variables: Record<string, string>): BuiltEnvironment {
  const key = `${minor}|${JSON.stringify(Object.entries(variables).sort())}`;
  let built = cache.get(key);
  if (built !== undefined) return built;
  const env = new Environment({ enableOptionalTypes: minor >= 28, homogeneousAggregateLiterals: true, unlistedVariablesAreDyn: false });
  const r = env as unknown as Registrar;
  registerRegex(r, true);
  registerLists(r);
  registerStrings(r, minor >= 29 ? 2 : 0);
  if (minor >= 27) registerAuthz(r);
  if (minor >= 28) registerOptional(r);
  if (minor >= 28) registerQuantity(r);
  if (minor >= 29) registerSets(r);
  if (minor >= 30) registerNet(r);
  if (minor >= 32) registerTwoVarComprehensions(r);
  if (minor >= 33) registerSemver(r);
  if (minor >= 34) registerExtLists(r);
  registerCostProbe(r);
  for (const [name, type] of Object.entries(variables)) env.registerVariable(name, type);
  instrument(env);
  built = { env, minor };
  if (cache.size > 64) cache.clear();
  cache.set(key, built);
  return built;
}

// The cost meter counts one unit per evaluated expression node, as cel-go's tracker charges each
// evaluated step (interpreter/runtimecost.go), plus what library functions charge by input size.
// The library offers no hook for that, but every child node is evaluated through its evaluator's
// `run`: a probe macro reaches that evaluator once and wraps its `run` (this environment's only).
const PROBE = 'podguard_cost_probe';
let probed: Evaluator | undefined;

function registerCostProbe(env: Registrar): void {
  env.registerFunction(`${PROBE}(ast): bool`, () => ({
    typeCheck: (checker: { getType(n: string): unknown }) => checker.getType('bool'),
    evaluate: (ev: Evaluator) => ((probed = ev), true),
  }));
}

function instrument(env: Environment): void {
  probed = undefined;
  env.evaluate(`${PROBE}(1)`);
  const ev = probed as Evaluator | undefined;
  if (ev === undefined) throw new Error('CEL environment: cost probe did not run');
  const run = ev.run.bind(ev);
  ev.run = (node: AstNode, ctx) => {
    charge(1);
    return run(node, ctx);
  };
}

/** A problem found in the parsed expression before type checking, at an offset in the expression. */
export interface StaticProblem {
  message: string;
  offset: number | undefined;
}

type Node = { op?: unknown; args?: unknown; pos?: number };

function literalString(n: unknown): Node | undefined {
  const x = n as Node | undefined;
  return x !== undefined && x !== null && x.op === 'value' && typeof x.args === 'string' ? x : undefined;
}

/**
 * Prepares a parsed expression, in place, before type checking, and returns what cel-go would
 * reject at compile time that the CEL library does not:
 * - calls to `matches` are renamed so they reach RE2 (library/regex.ts);
 * - a literal pattern that does not compile: from v1.29 cel.ValidateRegexLiterals says "invalid
 *   matches argument" (cel-go cel/validator.go); before, and for find/findAll always, the regex
 *   optimizations report Go's regexp error when the program is built (library/regex.go);
 * - `cel.bind`: the CEL library has it, Kubernetes' environment does not (no ext.Bindings in base.go);
 *   `optional.…` before v1.28, where Kubernetes has no optional types yet.
 */
export function prepareAst(node: unknown, minor: number): StaticProblem[] {
  const problems: StaticProblem[] = [];
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      stack.push(...n);
      continue;
    }
    if (n === null || typeof n !== 'object') continue;
    const a = n as Node;
    if (typeof a.op !== 'string') continue;
    if ((a.op === 'rcall' || a.op === 'call') && Array.isArray(a.args)) {
      const name = a.args[0];
      const pattern = a.op === 'rcall' ? literalString((a.args[2] as unknown[] | undefined)?.[0]) : literalString((a.args[1] as unknown[] | undefined)?.[1]);
      if (name === 'matches') a.args[0] = MATCHES;
      if ((name === 'matches' || ((name === 'find' || name === 'findAll') && a.op === 'rcall')) && pattern !== undefined) {
        try {
          compileRegex(pattern.args as string);
        } catch (e) {
          problems.push({ message: name === 'matches' && minor >= 29 ? 'invalid matches argument' : (e as Error).message, offset: pattern.pos });
        }
      }
      if (a.op === 'rcall' && minor < 28 && (a.args[1] as Node | undefined)?.op === 'id' && (a.args[1] as Node).args === 'optional')
        problems.push({ message: "undeclared reference to 'optional' (in container '')", offset: a.pos });
      if (a.op === 'rcall' && name === 'bind' && (a.args[1] as Node | undefined)?.op === 'id' && (a.args[1] as Node).args === 'cel')
        problems.push({ message: "undeclared reference to 'cel' (in container '')", offset: a.pos });
    }
    if (Array.isArray(a.args)) stack.push(...a.args);
    else if (a.args !== null && typeof a.args === 'object') stack.push(a.args);
  }
  return problems;
}
