import assert from 'node:assert/strict';
import { test } from 'node:test';
import yaml from 'js-yaml';
import { K8S_SCHEMA } from './yaml-schema';

const read = (text: string) => yaml.load(text, { schema: K8S_SCHEMA });

test('YAML 1.1 booleans, as sigs.k8s.io/yaml resolves them', () => {
  for (const t of ['yes', 'Yes', 'YES', 'on', 'On', 'ON', 'y', 'Y', 'true', 'True'])
    assert.equal(read(`v: ${t}`) && (read(`v: ${t}`) as { v: unknown }).v, true, t);
  for (const f of ['no', 'No', 'off', 'OFF', 'n', 'N', 'false', 'FALSE']) assert.equal((read(`v: ${f}`) as { v: unknown }).v, false, f);
  assert.equal((read('v: "yes"') as { v: unknown }).v, 'yes', 'quoted stays a string');
  assert.equal((read('v: yesterday') as { v: unknown }).v, 'yesterday');
});

test('integers the Go way: octal with a leading zero, underscores, hex, binary', () => {
  assert.deepEqual(read('a: 0755\nb: 1_000\nc: 0x1F\nd: 0b101\ne: -12\nf: 0\ng: 0o17'), { a: 493, b: 1000, c: 31, d: 5, e: -12, f: 0, g: 15 });
});

test('timestamps stay strings; floats and nulls as usual', () => {
  assert.deepEqual(read('t: 2024-01-01T00:00:00Z\nf: 1.5\nz: ~\nm: null'), { t: '2024-01-01T00:00:00Z', f: 1.5, z: null, m: null });
});

test('keys resolve like values, as go-yaml does (a key `n` becomes "false" in JSON)', () => {
  assert.deepEqual(read('n: 1'), { false: 1 });
});

test('unknown tags are rejected', () => {
  assert.throws(() => read('a: !!js/function "x"'), /unknown tag/);
  assert.throws(() => read('a: !custom x'), /unknown tag/);
});
