// The corners where js-yaml alone would read a manifest differently from kubectl
// (sigs.k8s.io/yaml on go-yaml v2). test/oracle/yaml-differential checks the same against the
// real library; these cases keep the reader honest where the Go tools are not built.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locate } from './positions';
import { readYamlDocument } from './read-yaml';

function value(text: string): unknown {
  const r = readYamlDocument(text);
  if ('error' in r) throw new Error(r.error.message);
  return r.document.value;
}

function error(text: string, options = {}): string {
  const r = readYamlDocument(text, options);
  assert.ok('error' in r, `expected ${JSON.stringify(text)} to be refused`);
  return r.error.message;
}

test('a repeated key: the last one wins, and its line is the one reported', () => {
  const text = 'spec:\n  privileged: false\n  image: x\n  privileged: true\n';
  const r = readYamlDocument(text);
  assert.ok('document' in r);
  assert.deepEqual(r.document.value, { spec: { privileged: true, image: 'x' } });
  assert.equal(locate(r.document.positions, r.document.value, r.document.rootLine, 'spec.privileged').line, 3);
  assert.match(error(text, { repeatedKeys: 'error' }), /duplicated mapping key/);
});

test('numbers as go-yaml v2 resolves them', () => {
  assert.deepEqual(value('a: 08\nb: -.5\nc: .5\nd: 017\ne: 0o17\nf: -_1\ng: 1e3\nh: 0x1F\ni: 190:20:30\nj: 0xFFFFFFFFFFFFFFFFFF\n'), {
    a: 8,
    b: -0.5,
    c: 0.5,
    d: 15,
    e: 15,
    f: -1,
    g: 1000,
    h: 31,
    i: '190:20:30',
    j: '0xFFFFFFFFFFFFFFFFFF',
  });
});

test('.inf and .nan have no JSON form: refused, unless a later key replaces them', () => {
  assert.match(error('a: .inf\n'), /no JSON form/);
  assert.match(error('a: [-.Inf]\n'), /no JSON form/);
  assert.deepEqual(value('a: .nan\na: 1\n'), { a: 1 });
  assert.deepEqual(value('a: ".inf"\n'), { a: '.inf' });
});

test('null keys are refused; a quoted "null" key is a string', () => {
  assert.match(error('~: d\n'), /unsupported map key null/);
  assert.match(error('a:\n  null: 1\n'), /unsupported map key null/);
  assert.deepEqual(value('"null": 1\n'), { null: 1 });
});

test('!!null "" is null', () => {
  assert.deepEqual(value('a: !!null ""\n'), { a: null });
});

test('an anchor redefined inside its own node names the inner node afterwards (go-yaml binds at the start)', () => {
  assert.deepEqual(value('x: &a\n  c: &a\n    d: 1\nw: *a\n'), { x: { c: { d: 1 } }, w: { d: 1 } });
  assert.deepEqual(value('x: &a {d: 1}\nz: &a {e: 2}\nw: *a\n'), { x: { d: 1 }, z: { e: 2 }, w: { e: 2 } });
  assert.deepEqual(value('y: 1\n'), { true: 1 }, 'y is a YAML 1.1 boolean, keys included');
});
