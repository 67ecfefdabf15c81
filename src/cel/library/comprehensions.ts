// Two-variable comprehensions (cel-go ext.TwoVarComprehensions, in Kubernetes' environment from
// v1.32: k8s.io/apiserver/pkg/cel/environment/base.go). Over a list the variables are index and
// element, over a map key and value. Semantics as cel-go ext/comprehensions.go: all/exists
// absorb an error when another element decides the result, existsOne and the transforms do not;
// transformMap keeps the keys, transformMapEntry builds a map from one-entry maps and fails on a
// duplicate key. Every iteration is charged to the cost meter, so a nested loop stops at the budget.

import { charge } from '../cost';
import type { AstNode, Checker, Evaluator, MacroCall, Registrar, Scope } from './types';

type Entry = [unknown, unknown];

function identName(ev: { createError(code: string, message: string, node?: AstNode): Error }, n: AstNode, macro: string): string {
  if (n.op !== 'id' || typeof n.args !== 'string') throw ev.createError('invalid_macro_argument', `${macro}() variable name must be a simple identifier`, n);
  return n.args;
}

function entriesOf(ev: Evaluator, v: unknown, node: AstNode): Entry[] {
  if (Array.isArray(v)) return v.map((x, i) => [BigInt(i), x]);
  if (v instanceof Map) return [...v.entries()];
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) return Object.entries(v);
  throw ev.createError('invalid_comprehension_range', 'cannot be range of a comprehension (must be list, map, or dynamic)', node);
}

interface Comprehension {
  first: string;
  second: string;
  receiver: AstNode;
  body: AstNode[];
}

function scopeFor(ev: Evaluator, ctx: Scope, c: Comprehension, e: Entry): Scope {
  return ctx.forkWithVariable(c.first, dynType).setIterValue(e[0], ev).forkWithVariable(c.second, dynType).setIterValue(e[1], ev);
}

let dynType: unknown;

function macro(name: string, bodies: number, result: string, run: (ev: Evaluator, c: Comprehension, ctx: Scope, entries: Entry[]) => unknown) {
  return ({ args, receiver }: MacroCall) => {
    const c: Comprehension = { first: '', second: '', receiver, body: args.slice(2) };
    return {
      typeCheck(checker: Checker, _m: unknown, ctx: Scope) {
        c.first = identName(checker, args[0]!, name);
        c.second = identName(checker, args[1]!, name);
        if (c.first === c.second) throw checker.createError('invalid_macro_argument', `${name}() iteration variables must be distinct`, args[1]);
        dynType ??= checker.getType('dyn');
        checker.check(receiver, ctx);
        const inner = ctx.forkWithVariable(c.first, dynType).forkWithVariable(c.second, dynType);
        for (const b of c.body.slice(0, bodies)) checker.check(b, inner);
        return checker.getType(result);
      },
      evaluate(ev: Evaluator, _m: unknown, ctx: Scope) {
        const range = ev.run(receiver, ctx);
        return run(ev, c, ctx, entriesOf(ev, range, receiver));
      },
    };
  };
}

function predicate(ev: Evaluator, node: AstNode, scope: Scope, name: string): boolean {
  const v = ev.run(node, scope);
  if (typeof v !== 'boolean') throw ev.createError('invalid_predicate', `${name}() predicate must return bool`, node);
  return v;
}

/** Registers all, exists, existsOne (and exists_one), transformList, transformMap, transformMapEntry. */
export function registerTwoVarComprehensions(env: Registrar): void {
  const quantifier = (name: string, decide: boolean) =>
    macro(name, 1, 'bool', (ev, c, ctx, entries) => {
      let err: unknown;
      for (const e of entries) {
        charge(1);
        try {
          if (predicate(ev, c.body[0]!, scopeFor(ev, ctx, c, e), name) === decide) return decide;
        } catch (x) {
          if ((x as Error).name === 'CostLimitExceeded' || (x as Error).message.startsWith('operation cancelled')) throw x;
          err ??= x;
        }
      }
      if (err !== undefined) throw err;
      return !decide;
    });
  const existsOne = (name: string) =>
    macro(name, 1, 'bool', (ev, c, ctx, entries) => {
      let n = 0;
      for (const e of entries) {
        charge(1);
        if (predicate(ev, c.body[0]!, scopeFor(ev, ctx, c, e), name)) n++;
      }
      return n === 1;
    });
  const transform = (
    name: string,
    filtered: boolean,
    result: string,
    build: (out: Entry[], ev: Evaluator, node: AstNode) => unknown,
    emit: (e: Entry, v: unknown, out: Entry[], ev: Evaluator, node: AstNode) => void,
  ) =>
    macro(name, filtered ? 2 : 1, result, (ev, c, ctx, entries) => {
      const out: Entry[] = [];
      const valueNode = c.body[filtered ? 1 : 0]!;
      for (const e of entries) {
        charge(1);
        const scope = scopeFor(ev, ctx, c, e);
        if (filtered && !predicate(ev, c.body[0]!, scope, name)) continue;
        emit(e, ev.run(valueNode, scope), out, ev, valueNode);
      }
      return build(out, ev, valueNode);
    });
  const toList = (out: Entry[]) => out.map((e) => e[1]);
  const toMap = (out: Entry[]) => new Map(out);
  const receivers = ['list', 'map'];
  for (const r of receivers) {
    env.registerFunction(`${r}.all(ast, ast, ast): bool`, quantifier('all', false));
    env.registerFunction(`${r}.exists(ast, ast, ast): bool`, quantifier('exists', true));
    env.registerFunction(`${r}.existsOne(ast, ast, ast): bool`, existsOne('existsOne'));
    env.registerFunction(`${r}.exists_one(ast, ast, ast): bool`, existsOne('exists_one'));
    env.registerFunction(
      `${r}.transformList(ast, ast, ast): list<dyn>`,
      transform('transformList', false, 'list', toList, (e, v, out) => out.push([e[0], v])),
    );
    env.registerFunction(
      `${r}.transformList(ast, ast, ast, ast): list<dyn>`,
      transform('transformList', true, 'list', toList, (e, v, out) => out.push([e[0], v])),
    );
    env.registerFunction(
      `${r}.transformMap(ast, ast, ast): map<dyn, dyn>`,
      transform('transformMap', false, 'map', toMap, (e, v, out) => out.push([e[0], v])),
    );
    env.registerFunction(
      `${r}.transformMap(ast, ast, ast, ast): map<dyn, dyn>`,
      transform('transformMap', true, 'map', toMap, (e, v, out) => out.push([e[0], v])),
    );
    const entry = (_e: Entry, v: unknown, out: Entry[], ev: Evaluator, node: AstNode) => {
      const es = v instanceof Map ? [...v.entries()] : v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : undefined;
      if (es === undefined || es.length !== 1) throw ev.createError('invalid_map_entry', 'transformMapEntry() expression must be a map with one entry', node);
      const [k, x] = es[0]!;
      if (out.some((o) => o[0] === k)) throw ev.createError('duplicate_key', `insert failed: key ${String(k)} already exists`, node);
      out.push([k, x]);
    };
    env.registerFunction(`${r}.transformMapEntry(ast, ast, ast): map<dyn, dyn>`, transform('transformMapEntry', false, 'map', toMap, entry));
    env.registerFunction(`${r}.transformMapEntry(ast, ast, ast, ast): map<dyn, dyn>`, transform('transformMapEntry', true, 'map', toMap, entry));
  }
}
