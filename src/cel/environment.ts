// Kubernetes' CEL environment per version, as k8s.io/apiserver/pkg/cel/environment/base.go builds
// it (baseOpts): each library from the Kubernetes minor that introduced it. Built once per version
// and set of variables, then reused.
//   v1.0   homogeneous aggregate literals, regex (find, findAll), lists, strings v0
//   v1.27  authorizer
//   v1.28  optional types (.?field, optional.of, ...)
//   v1.29  strings v2, sets
//   v1.32  two-variable comprehensions
// Not yet here: urls, quantity, ip, cidr, format, semver, ext.Lists v3 (an expression using
// them fails to compile with "found no matching overload" or "Unknown variable").

import { Environment } from '@marcbachmann/cel-js';
import { registerAuthz } from './library/authz';
import { registerTwoVarComprehensions } from './library/comprehensions';
import { registerLists, registerSets } from './library/lists';
import { MATCHES, registerRegex } from './library/regex';
import { registerStrings } from './library/strings';
import type { AstNode, Evaluator, Registrar } from './library/types';
import { charge } from './cost';

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
  const r = env as unknown as Registrar & { registerConstant(name: string, type: string, value: unknown): unknown };
  registerRegex(r, true);
  registerLists(r);
  registerStrings(r, minor >= 29 ? 2 : 0);
  if (minor >= 27) registerAuthz(r);
  if (minor >= 29) registerSets(r);
  if (minor >= 32) registerTwoVarComprehensions(r);
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

/** Renames calls to `matches` so they reach the RE2 implementation (library/regex.ts); in place, before type checking. */
export function routeMatchesToRe2(node: unknown): void {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      stack.push(...n);
      continue;
    }
    if (n === null || typeof n !== 'object') continue;
    const a = n as { op?: unknown; args?: unknown };
    if (typeof a.op !== 'string') continue;
    if ((a.op === 'rcall' || a.op === 'call') && Array.isArray(a.args) && a.args[0] === 'matches') a.args[0] = MATCHES;
    if (Array.isArray(a.args)) stack.push(...a.args);
    else if (a.args !== null && typeof a.args === 'object') stack.push(a.args);
  }
}
