// Merge keys read as kubectl reads them. Every expected value below is what sigs.k8s.io/yaml
// v1.6.0 (go.yaml.in/yaml/v2 v2.4.4) YAMLToJSON returned for the same text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locate } from './positions';
import { parseDocuments } from './parse-documents';

function read(body: string): unknown {
  const parsed = parseDocuments(`apiVersion: v1\nkind: X\n${body}`, 'm.yaml');
  if (parsed.errors.length > 0) return { error: parsed.errors[0]!.message, line: parsed.errors[0]!.line };
  const { apiVersion: _a, kind: _k, ...rest } = parsed.objects[0]!.object as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest));
}

test('a merge after explicit keys overrides them (the issue: root and escalation applied)', () => {
  assert.deepEqual(read('sc:\n  allowPrivilegeEscalation: false\n  runAsUser: 1000\n  <<: {runAsUser: 0, allowPrivilegeEscalation: true}\n'), {
    sc: { allowPrivilegeEscalation: true, runAsUser: 0 },
  });
  assert.deepEqual(read('sc:\n  privileged: false\n  <<: {privileged: true}\n'), { sc: { privileged: true } });
});

test('explicit keys after a merge override it', () => {
  assert.deepEqual(read('a: &a {x: 1}\nc:\n  <<: *a\n  x: 3\n'), { a: { x: 1 }, c: { x: 3 } });
});

test('a list of merges: earlier ones take precedence; YAML 1.1 keys (y is true)', () => {
  assert.deepEqual(read('a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n'), {
    a: { true: 1, x: 1 },
    b: { x: 2, z: 2 },
    c: { true: 1, x: 1, z: 2 },
  });
});

test('nested merges are applied inside the merged mapping first; several merge keys apply in order', () => {
  assert.deepEqual(read('a: &a {x: 1, <<: {x: 2, q: 1}}\nc:\n  <<: *a\n'), { a: { q: 1, x: 2 }, c: { q: 1, x: 2 } });
  assert.deepEqual(read('c:\n  <<: {x: 1}\n  <<: {x: 2}\n'), { c: { x: 2 } });
  assert.deepEqual(read('c:\n  1: a\n  <<: {"1": b}\n'), { c: { 1: 'b' } });
});

test('a quoted "<<" is an ordinary key, and << as a value is the string', () => {
  assert.deepEqual(read('c:\n  "<<": {x: 1}\n'), { c: { '<<': { x: 1 } } });
  assert.deepEqual(read('c:\n  v: <<\n  l: [<<]\n'), { c: { l: ['<<'], v: '<<' } });
});

test('a merge of anything but a mapping or a list of mappings is an error at its line', () => {
  assert.deepEqual(read('c:\n  <<: 1\n'), { error: 'invalid YAML: map merge requires map or sequence of maps as the value', line: 4 });
  assert.deepEqual(read('c:\n  x: 1\n  <<: [{x: 1}, 3]\n'), { error: 'invalid YAML: map merge requires map or sequence of maps as the value', line: 5 });
});

test('lines of merged fields point where each value is written', () => {
  const text = 'apiVersion: v1\nkind: Pod\nbase: &b\n  privileged: true\nspec:\n  runAsUser: 1\n  <<: *b\n';
  const parsed = parseDocuments(text, 'p.yaml');
  const so = parsed.objects[0]!;
  assert.equal(locate(so.positions, so.object, 0, 'spec.privileged').line + 1, 4, 'the anchor, where privileged: true is written');
  assert.equal(locate(so.positions, so.object, 0, 'spec.runAsUser').line + 1, 6);
});
