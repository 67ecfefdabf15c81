// podguard's CEL environment against cel-go with Kubernetes' own (k8s.io/apiserver v0.37.2
// pkg/cel/environment, linked into .tools/bin/cel-oracle): every expression of the corpus
// (the k8s.io/apiserver pkg/cel/library tests' expressions, and podguard's own cases for the
// standard library, regex, lists, sets, strings, optionals, two-variable comprehensions and the
// cost limit) at several Kubernetes versions, compared on the outcome (compile error, evaluation
// error or value), the value (ints, uints and doubles kept apart) and, where Kubernetes shows it
// to users, the error text. Expressions that use a Kubernetes library podguard does not have yet
// must fail to compile in podguard (never a wrong answer); they are counted, not hidden.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { celToTaggedJson, compileCel, evaluateCel } from '../../src/cel';
import { jsonLines, run } from '../kubernetes-support/processes';
import { missingTools, toolPath } from '../kubernetes-support/tools';

const skip = missingTools('cel-oracle');
const CORPUS = path.join(__dirname, '..', '..', '..', 'test', 'oracle', 'cel-corpus.json');
const VERSIONS = ['1.27', '1.28', '1.31', '1.32', '1.37'];

// Kubernetes libraries podguard does not implement yet (environment/base.go adds them).
const NOT_YET = /\b(?:url|isURL|format)\b/;

// Differences that are the CEL library's and known, each with the reason; the test checks they
// still differ, so the list cannot go stale.
const KNOWN: Record<string, string> = {
  'sets.contains([1], [1.0])': 'cel-go type-checks list(int) against list(double) as no overload; podguard declares sets over list(dyn)',
  'int("x")': 'cel-go folds the constant conversion at compile time (OptOptimize); podguard fails when evaluating',
  'has({"a": 1}.a)': 'the CEL library accepts has() only on a selection from a variable',
  'has({"a": 1}.b)': 'the CEL library accepts has() only on a selection from a variable',
  '1 < 2.5': 'before v1.28 (cel.CrossTypeNumericComparisons) cel-go has no int < double overload; the CEL library always has',
};

interface Case {
  id: string;
  source: string;
  expression: string;
  /** Variables (all declared dyn) and their JSON values, as objects reach a ValidatingAdmissionPolicy. */
  variables?: Record<string, unknown>;
}
interface OracleAnswer {
  id: string;
  compileError?: string;
  evalError?: string;
  value?: unknown;
  hasValue: boolean;
}
type Outcome = { compileError: string } | { evalError: string } | { value: unknown };

function podguard(expression: string, version: string, activation: Record<string, unknown>): Outcome {
  const variables = Object.fromEntries(Object.keys(activation).map((k) => [k, 'dyn']));
  const c = compileCel(expression, { version: `v${version}`, variables });
  if (!c.ok) return { compileError: c.errors.map((e) => e.message).join('; ') };
  const r = evaluateCel(c.program, activation);
  return r.ok ? { value: celToTaggedJson(r.value) } : { evalError: r.error };
}

/** Map entries in key order: CEL maps have none. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x !== null && typeof x === 'object' && Array.isArray((x as { map?: unknown }).map)
      ? { map: [...(x as { map: unknown[][] }).map].sort((a, b) => JSON.stringify(a[0]).localeCompare(JSON.stringify(b[0]))) }
      : x,
  );
}

function agree(o: OracleAnswer, p: Outcome): boolean {
  if (o.compileError !== undefined) return 'compileError' in p;
  if (o.evalError !== undefined) return 'evalError' in p;
  return 'value' in p && canonical(p.value) === canonical(o.value ?? null);
}

test('podguard evaluates CEL like cel-go with the Kubernetes CEL environment', { skip }, async () => {
  const cases = JSON.parse(fs.readFileSync(CORPUS, 'utf8')) as Case[];
  const requests = VERSIONS.flatMap((v) => cases.map((c) => ({ id: `${v}/${c.id}`, expression: c.expression, version: v, variables: c.variables ?? {} })));
  const done = await run(toolPath('cel-oracle'), [], { input: requests.map((r) => JSON.stringify(r)).join('\n') + '\n' });
  assert.equal(done.code, 0, done.stderr);
  const answers = new Map(jsonLines<OracleAnswer>(done.stdout, 'cel-oracle').map((a) => [a.id, a]));
  const counts = { compared: 0, agree: 0, notYet: 0, known: 0, errorTextSame: 0, errorTextCompared: 0 };
  const wrong: string[] = [];
  const stillDiffer = new Set<string>();
  for (const v of VERSIONS)
    for (const c of cases) {
      const o = answers.get(`${v}/${c.id}`)!;
      const p = podguard(c.expression, v, c.variables ?? {});
      counts.compared++;
      const same = agree(o, p);
      if (NOT_YET.test(c.expression) && !same) {
        counts.notYet++;
        if (!('compileError' in p)) wrong.push(`v${v} ${c.expression}: uses a library podguard lacks but did not fail to compile: ${JSON.stringify(p)}`);
        continue;
      }
      if (KNOWN[c.expression] !== undefined && !same) {
        counts.known++;
        stillDiffer.add(c.expression);
        continue;
      }
      if (!same) {
        wrong.push(`v${v} ${c.expression} (${c.source}):\n    cel-go:   ${JSON.stringify(o)}\n    podguard: ${JSON.stringify(p)}`);
        continue;
      }
      counts.agree++;
      // Runtime errors reach users in VAP messages: regex and list errors and the cost limit must read the same.
      if (
        o.evalError !== undefined &&
        'evalError' in p &&
        /regexp|empty list|cost limit|index out of range|no such key|division by zero|modulus by zero|overflow|no matching overload|index out of bounds|quantit|convert value|[Vv]ersion|number|[Pp]rerelease|meta data|IP [Aa]ddress|network address|IPv4-mapped/.test(
          o.evalError,
        )
      ) {
        counts.errorTextCompared++;
        if (o.evalError.endsWith(p.evalError)) counts.errorTextSame++;
        else wrong.push(`v${v} ${c.expression}: error text\n    cel-go:   ${o.evalError}\n    podguard: ${p.evalError}`);
      }
    }
  for (const e of Object.keys(KNOWN))
    if (!stillDiffer.has(e)) wrong.push(`${e}: listed as a known difference but agrees at every version: remove it from KNOWN`);
  console.log(`cel differential: ${JSON.stringify(counts)} (${cases.length} expressions x ${VERSIONS.length} versions)`);
  assert.deepEqual(wrong, []);
  assert.ok(counts.agree > 1000, `only ${counts.agree} agreed`);
});
