import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IgnoreRules } from './ignore';

test('gitignore rules: unanchored names at any depth, anchored paths, dir-only, **, classes, negation', () => {
  const r = IgnoreRules.of(['*.tmp.yaml', '/build', 'gen/', 'docs/**/draft-?.yaml', '[abc]x.yaml', '!keep.tmp.yaml', '# comment', '']);
  assert.equal(r.ignores('a/b/c.tmp.yaml', false), true);
  assert.equal(r.ignores('a/keep.tmp.yaml', false), false, 'a later ! re-includes');
  assert.equal(r.ignores('build', true), true);
  assert.equal(r.ignores('sub/build', true), false, 'a leading / anchors');
  assert.equal(r.ignores('x/gen', true), true);
  assert.equal(r.ignores('x/gen', false), false, 'a trailing / matches directories only');
  assert.equal(r.ignores('docs/draft-1.yaml', false), true, '** matches zero directories');
  assert.equal(r.ignores('docs/a/b/draft-2.yaml', false), true);
  assert.equal(r.ignores('docs/a/draft-10.yaml', false), false, '? is one character');
  assert.equal(r.ignores('bx.yaml', false), true);
  assert.equal(r.ignores('dx.yaml', false), false);
});

test('matching stays fast on adversarial patterns and paths', () => {
  const r = IgnoreRules.of([`${'*a'.repeat(30)}b`, `${'**/'.repeat(30)}z`]);
  const path = `${'a/'.repeat(200)}${'a'.repeat(5000)}`;
  const t = process.hrtime.bigint();
  assert.equal(r.ignores(path, false), false);
  assert.ok(Number(process.hrtime.bigint() - t) / 1e6 < 500);
});
