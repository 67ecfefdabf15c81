import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CelAuthorizer, COST_LIMIT_EXCEEDED, celToTaggedJson, compileCel, evaluateCel } from './index';

function run(expression: string, activation: Record<string, unknown> = {}, version?: string, types: Record<string, string> = {}) {
  const variables = Object.fromEntries(Object.keys(activation).map((k) => [k, types[k] ?? 'dyn']));
  const c = compileCel(expression, { variables, version });
  if (!c.ok) return { compile: c.errors };
  const r = evaluateCel(c.program, activation);
  return r.ok ? { value: celToTaggedJson(r.value) } : { error: r.error };
}

test('objects bind as the API server binds them: integral numbers are ints', () => {
  assert.deepEqual(run('object.spec.replicas + 1', { object: { spec: { replicas: 2 } } }), { value: { int: '3' } });
  assert.deepEqual(run('object.x * 2.0', { object: { x: 1.5 } }), { value: { double: 3 } });
});

test('matches, find and findAll are RE2 and report Go regexp errors', () => {
  assert.deepEqual(run('"abc".matches("^a.c$")'), { value: true });
  assert.deepEqual(run('"x(ab)".findAll("[ab]")'), { value: { list: ['a', 'b'] } });
  // A literal pattern is checked when compiling (cel.ValidateRegexLiterals, from v1.29), a computed one when evaluating.
  assert.deepEqual(run('"abc".matches("(")'), { compile: [{ message: 'invalid matches argument', line: 1, column: 15 }] });
  assert.deepEqual(run('"abc".matches("(" + "")'), { error: 'error parsing regexp: missing closing ): `(`' });
  // A backtracking engine takes exponential time on this; RE2 is linear.
  const t = Date.now();
  assert.deepEqual(run(`"${'a'.repeat(5000)}!".matches("^(a|a)*$")`), { value: false });
  assert.ok(Date.now() - t < 2000);
});

test('libraries appear at the Kubernetes version that added them (environment/base.go)', () => {
  assert.deepEqual(run('[1, 2].all(i, v, v > i)', {}, 'v1.32'), { value: true });
  assert.ok('compile' in run('[1, 2].all(i, v, v > i)', {}, 'v1.31'));
  assert.deepEqual(run('sets.contains([1, 2], [2])', {}, 'v1.29'), { value: true });
  assert.ok('compile' in run('sets.contains([1, 2], [2])', {}, 'v1.28'));
  assert.ok('compile' in run('object.?x', { object: {} }, 'v1.27'));
  assert.deepEqual(run('object.?x.orValue(4)', { object: {} }, 'v1.28'), { value: { int: '4' } });
});

test('sortBy orders by computed keys, keeps ties in order and refuses keys without an order (ext/lists.go)', () => {
  const players = [
    { name: 'foo', score: 0 },
    { name: 'bar', score: -10 },
    { name: 'baz', score: 1000 },
  ];
  assert.deepEqual(run('x.sortBy(e, e.score).map(e, e.name)', { x: players }), { value: { list: ['bar', 'foo', 'baz'] } });
  assert.deepEqual(run('[1, 2, 3, 4].sortBy(e, e % 2)'), { value: { list: [{ int: '2' }, { int: '4' }, { int: '1' }, { int: '3' }] } });
  assert.deepEqual(run('x.sortBy(e, e)', { x: [1, 'a'] }), { error: 'list elements must have the same type' });
  assert.ok('compile' in run('[[1], [2]].sortBy(e, e)'));
  assert.ok('compile' in run('[2, 1].sortBy(e, e)', {}, 'v1.33'));
});

test('compile errors carry the line and column within the expression', () => {
  const r = compileCel('true &&\n  nosuch.x', { variables: {} });
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual([r.errors[0]!.line, r.errors[0]!.column], [2, 3]);
});

test('a hostile expression stops at the cost limit instead of running for ever', () => {
  const l = '[' + Array.from({ length: 30 }, (_, i) => i).join(',') + ']';
  const t = Date.now();
  const r = run(`${l}.all(a, ${l}.all(b, ${l}.all(c, ${l}.all(d, ${l}.all(e, a + b + c + d + e >= 0)))))`);
  assert.deepEqual(r, { error: COST_LIMIT_EXCEEDED });
  assert.ok(Date.now() - t < 5000);
  // an error-absorbing || must not swallow the budget
  assert.deepEqual(run(`${l}.all(a, ${l}.all(b, ${l}.all(c, ${l}.all(d, ${l}.all(e, true))))) || true`), { error: COST_LIMIT_EXCEEDED });
});

test('a smaller remaining budget applies', () => {
  const c = compileCel('[1,2,3].map(x, x * 2)', { variables: {} });
  assert.ok(c.ok);
  if (!c.ok) return;
  const full = evaluateCel(c.program, {});
  assert.ok(full.ok);
  assert.deepEqual(evaluateCel(c.program, {}, { costBudget: full.cost - 1 }), { ok: false, error: COST_LIMIT_EXCEEDED, cost: full.cost });
});

test('the authorizer library asks the function it is given', () => {
  const asked: unknown[] = [];
  const authz = new CelAuthorizer(
    (a) => (asked.push(a), { decision: a.verb === 'create' && a.user === 'system:serviceaccount:ns:sa' ? 'allow' : 'deny', reason: 'because' }),
    'alice',
    ['devs'],
  );
  const types = { authorizer: 'kubernetes.authorization.Authorizer' };
  const e = 'authorizer.serviceAccount("ns", "sa").group("apps").resource("deployments").namespace("ns").name("web").check("create")';
  assert.deepEqual(run(`${e}.allowed()`, { authorizer: authz }, undefined, types), { value: true });
  assert.deepEqual(run(`${e}.reason()`, { authorizer: authz }, undefined, types), { value: 'because' });
  assert.deepEqual(run('authorizer.path("/healthz").check("get").allowed()', { authorizer: authz }, undefined, types), { value: false });
  assert.deepEqual(asked[0], {
    verb: 'create',
    apiGroup: 'apps',
    resource: 'deployments',
    subresource: '',
    namespace: 'ns',
    name: 'web',
    user: 'system:serviceaccount:ns:sa',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:ns'],
  });
  assert.deepEqual(asked.at(-1), { verb: 'get', path: '/healthz', user: 'alice', groups: ['devs'] });
});

test('quantities are exact and a huge exponent costs nothing (Kubernetes itself spends seconds on it)', () => {
  assert.deepEqual(run('quantity("1.5Gi") == quantity("1536Mi")'), { value: true });
  assert.deepEqual(run('quantity("100m").isInteger()'), { value: false });
  assert.deepEqual(run('quantity("abc")'), { error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" });
  const t = Date.now();
  assert.deepEqual(run('quantity("1e999999999").isGreaterThan(quantity("1e999999998"))'), { value: true });
  assert.ok(Date.now() - t < 1000);
  assert.ok('compile' in run('quantity("1")', {}, 'v1.27'));
});
