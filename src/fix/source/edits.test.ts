// Each case: a document, one change, the exact text expected. Every case also checks the edit's
// meaning: the edited text must read back (as the scanner reads it) as the original object with
// the change applied, so a case cannot pass by producing the right bytes for the wrong reason.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import yaml from 'js-yaml';
import { K8S_SCHEMA } from '../../sources/yaml-schema';
import { parsePath } from '../../sources/positions';
import { applyChange, sameData, type Change } from '../engine/change';
import { applyEdits } from './text-edit';
import { readSource } from './documents';
import { changeToEdit } from './edits';

function edit(text: string, change: Change): string {
  const source = readSource(text);
  const r = changeToEdit(source.document(0), [], parsePath(change.path), change);
  if ('problem' in r) throw new Error(r.problem);
  return 'edit' in r ? applyEdits(text, [r.edit]) : text;
}

function check(name: string, before: string, change: Change, after: string): void {
  test(name, () => {
    const out = edit(before, change);
    assert.equal(out, after);
    const expected = yaml.load(before, { schema: K8S_SCHEMA }) as Record<string, unknown>;
    applyChange(expected, change);
    assert.ok(sameData(yaml.load(out, { schema: K8S_SCHEMA }), expected), 'the edited text reads back as the changed object');
  });
}

function refuses(name: string, before: string, change: Change, problem: RegExp): void {
  test(name, () => {
    const r = changeToEdit(readSource(before).document(0), [], parsePath(change.path), change);
    assert.ok('problem' in r, 'expected a refusal');
    assert.match(r.problem, problem);
  });
}

describe('set: replacing a scalar keeps its style', () => {
  check('plain', 'a:\n  b: true # keep\n', { op: 'set', path: 'a.b', value: false }, 'a:\n  b: false # keep\n');
  check('double-quoted string', 'type: "Unconfined"\n', { op: 'set', path: 'type', value: 'RuntimeDefault' }, 'type: "RuntimeDefault"\n');
  check('single-quoted string', "type: 'Unconfined'\n", { op: 'set', path: 'type', value: 'RuntimeDefault' }, "type: 'RuntimeDefault'\n");
  check('YAML 1.1 boolean', 'privileged: yes\n', { op: 'set', path: 'privileged', value: false }, 'privileged: false\n');
  check('a string that needs quotes', 'v: x\n', { op: 'set', path: 'v', value: 'yes' }, 'v: "yes"\n');
  check('in a flow mapping', 'sc: {runAsUser: 0, x: 1}\n', { op: 'set', path: 'sc.runAsUser', value: 65534 }, 'sc: {runAsUser: 65534, x: 1}\n');
  check('in JSON', '{"a": {"b": "Unmasked"}}', { op: 'set', path: 'a.b', value: 'Default' }, '{"a": {"b": "Default"}}');
  test('an equal value is no edit', () => assert.equal(edit('a: 1\n', { op: 'set', path: 'a', value: 1 }), 'a: 1\n'));
});

describe("set: new entries go after the last one, at their siblings' column", () => {
  check('block mapping', 'a:\n  x: 1\n  # note\nb: 2\n', { op: 'set', path: 'a.z', value: true }, 'a:\n  x: 1\n  z: true\n  # note\nb: 2\n');
  check('nested path, 4-space document', 'a:\n    x: 1\n', { op: 'set', path: 'a.s.t.u', value: 'v' }, 'a:\n    x: 1\n    s:\n        t:\n            u: v\n');
  check(
    'compact sequence item',
    'c:\n- name: a\n  image: b\n',
    { op: 'set', path: 'c[0].sc.ape', value: false },
    'c:\n- name: a\n  image: b\n  sc:\n    ape: false\n',
  );
  check('after a block scalar', 'a:\n  s: |\n    text\n  t: 1\n', { op: 'set', path: 'a.u', value: 1 }, 'a:\n  s: |\n    text\n  t: 1\n  u: 1\n');
  check('at the end of a file without a final line break', 'a:\n  x: 1', { op: 'set', path: 'a.z', value: 2 }, 'a:\n  x: 1\n  z: 2\n');
  check('CRLF', 'a:\r\n  x: 1\r\n', { op: 'set', path: 'a.s.t', value: 1 }, 'a:\r\n  x: 1\r\n  s:\r\n    t: 1\r\n');
  check('inline flow mapping', 'a: {x: 1}\n', { op: 'set', path: 'a.s.t', value: 'v' }, 'a: {x: 1, s: {t: v}}\n');
  check('padded flow mapping', 'a: { x: 1 }\nb: { y: 2 }\n', { op: 'set', path: 'b.z', value: 3 }, 'a: { x: 1 }\nb: { y: 2, z: 3 }\n');
  check(
    'pretty JSON',
    '{\n  "a": {\n    "x": 1\n  }\n}\n',
    { op: 'set', path: 'a.s.t', value: 'v' },
    '{\n  "a": {\n    "x": 1,\n    "s": {\n      "t": "v"\n    }\n  }\n}\n',
  );
  check('JSON with tabs', '{\n\t"a": {\n\t\t"x": 1\n\t}\n}', { op: 'set', path: 'a.y', value: true }, '{\n\t"a": {\n\t\t"x": 1,\n\t\t"y": true\n\t}\n}');
  check('`key:` with nothing after it', 'a:\n  sc:\n  b: 1\n', { op: 'set', path: 'a.sc.x', value: true }, 'a:\n  sc:\n    x: true\n  b: 1\n');
  check('`key: null`', 'a:\n  sc: null\n', { op: 'set', path: 'a.sc.x', value: true }, 'a:\n  sc: {x: true}\n');
  check(
    'an empty `{}` placeholder opens up as block content',
    'a:\n  sc: {} # from the chart\n',
    { op: 'set', path: 'a.sc.x', value: true },
    'a:\n  sc: # from the chart\n    x: true\n',
  );
  check('an empty `{}` in pretty JSON opens up', '{\n  "sc": {}\n}\n', { op: 'set', path: 'sc.x', value: true }, '{\n  "sc": {\n    "x": true\n  }\n}\n');
  check('an empty `{}` in one-line JSON stays inline', '{"sc": {}}', { op: 'set', path: 'sc.x', value: true }, '{"sc": {"x": true}}');
});

describe('append', () => {
  check('block sequence, indented', 'd:\n  - A\n', { op: 'append', path: 'd', value: 'ALL' }, 'd:\n  - A\n  - ALL\n');
  check('flow sequence', 'd: [A, B]\n', { op: 'append', path: 'd', value: 'ALL' }, 'd: [A, B, ALL]\n');
  check('empty flow sequence opens up', 'c:\n  d: []\n', { op: 'append', path: 'c.d', value: 'ALL' }, 'c:\n  d:\n  - ALL\n');
  check(
    'missing sequence, block style of the document',
    'x:\n  - 1\nc:\n  e: 1\n',
    { op: 'append', path: 'c.d', value: 'ALL' },
    'x:\n  - 1\nc:\n  e: 1\n  d:\n    - ALL\n',
  );
  check('JSON array', '{"d": ["A"]}', { op: 'append', path: 'd', value: 'ALL' }, '{"d": ["A", "ALL"]}');
});

describe('remove', () => {
  check('a block entry takes its lines and comments', 'a:\n  x: 1 # why\n  y: 2\n', { op: 'remove', path: 'a.x' }, 'a:\n  y: 2\n');
  check('a nested block entry', 'a:\n  x:\n    p: 1\n  y: 2\n', { op: 'remove', path: 'a.x' }, 'a:\n  y: 2\n');
  check(
    'the first entry of a compact item keeps the dash',
    'p:\n- hostPort: 1\n  containerPort: 1\n',
    { op: 'remove', path: 'p[0].hostPort' },
    'p:\n- containerPort: 1\n',
  );
  check('the only entry of a mapping leaves it empty, not null', 'c:\n  add: [X]\nd: 1\n', { op: 'remove', path: 'c.add' }, 'c: {}\nd: 1\n');
  check('a block sequence item', 'l:\n- a\n- b # c\n- c\n', { op: 'remove', path: 'l[1]' }, 'l:\n- a\n- c\n');
  check('the last line of a file without a final line break', 'l:\n- a\n- b', { op: 'remove', path: 'l[1]' }, 'l:\n- a');
  check('flow entries take one comma', 'm: {a: 1, b: 2, c: 3}\n', { op: 'remove', path: 'm.b' }, 'm: {a: 1, c: 3}\n');
  check('the last flow entry takes the comma before it', 'm: {a: 1, b: 2}\n', { op: 'remove', path: 'm.b' }, 'm: {a: 1}\n');
  check('the only flow item', 'm: {l: [x]}\n', { op: 'remove', path: 'm.l[0]' }, 'm: {l: []}\n');
  check('pretty JSON entry', '{\n  "a": 1,\n  "b": 2\n}\n', { op: 'remove', path: 'b' }, '{\n  "a": 1\n}\n');
  test('an absent path is no edit', () => assert.equal(edit('a: 1\n', { op: 'remove', path: 'b.c' }), 'a: 1\n'));
});

describe('replaceEntry', () => {
  check(
    'a block value spanning lines',
    'v:\n- name: d\n  hostPath:\n    path: /x # host\n    type: Dir\n  x: 1\n',
    { op: 'replaceEntry', path: 'v[0].hostPath', key: 'emptyDir', value: {} },
    'v:\n- name: d\n  emptyDir: {}\n  x: 1\n',
  );
  check(
    'a flow value',
    'v: [{name: d, hostPath: {path: /x}}]\n',
    { op: 'replaceEntry', path: 'v[0].hostPath', key: 'emptyDir', value: {} },
    'v: [{name: d, emptyDir: {}}]\n',
  );
  check('JSON', '{"v": {"hostPath": {"path": "/x"}}}', { op: 'replaceEntry', path: 'v.hostPath', key: 'emptyDir', value: {} }, '{"v": {"emptyDir": {}}}');
});

describe('what the editor refuses rather than guesses', () => {
  refuses('a path through an alias', 'base: &b {x: 1}\nuse: *b\n', { op: 'set', path: 'use.x', value: 2 }, /alias/);
  refuses('a value inside an anchor', 'base: &b\n  x: 1\n', { op: 'set', path: 'base.x', value: 2 }, /anchor/);
  refuses('a mapping fed by a merge key', 'base: &b {x: 1}\nuse:\n  <<: *b\n', { op: 'set', path: 'use.x', value: 2 }, /merge key/);
  // kubectl lets the later merge win over the explicit x: editing x would change nothing it reads.
  refuses('a key overridden by a later merge key', 'use:\n  x: 1\n  <<: {x: 0}\n', { op: 'set', path: 'use.x', value: 2 }, /merge key \(<<\) after it/);
  refuses('a tagged scalar', 'a: !!str 1\n', { op: 'set', path: 'a', value: 2 }, /tag/);
  refuses('a missing sequence item', 'c: []\n', { op: 'set', path: 'c[0].x', value: 1 }, /sequence item/);
  refuses('the only item of a block sequence', 'l:\n- a\n', { op: 'remove', path: 'l[0]' }, /only item/);
  refuses('a scalar in the way', 'a: 1\n', { op: 'set', path: 'a.b', value: 1 }, /other than a mapping/);
});

test('keys that YAML 1.1 reads as booleans are quoted', () => {
  assert.equal(edit('a:\n  x: 1\n', { op: 'set', path: 'a.y', value: 1 }), 'a:\n  x: 1\n  "y": 1\n');
});
