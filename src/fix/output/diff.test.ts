import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { diffLines, splitLines, unifiedDiff } from './diff';

/** Applies a unified diff to `text`, checking every context and removed line on the way. */
function applyUnified(text: string, diff: string): string {
  const lines = splitLines(text);
  const out: string[] = [];
  let at = 0;
  const body = diff.split('\n').slice(2, -1);
  for (let i = 0; i < body.length; i++) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(body[i]!);
    if (m) {
      const start = Number(m[1]) - (m[2] === '0' ? 0 : 1);
      while (at < start) out.push(lines[at++]!);
      continue;
    }
    const kind = body[i]![0];
    let line = body[i]!.slice(1) + '\n';
    if (body[i + 1] === '\\ No newline at end of file') {
      line = line.slice(0, -1);
      i++;
    }
    if (kind === ' ' || kind === '-') assert.equal(lines[at], line, `line ${at + 1}`);
    if (kind === ' ') out.push(lines[at++]!);
    else if (kind === '-') at++;
    else out.push(line);
  }
  while (at < lines.length) out.push(lines[at++]!);
  return out.join('');
}

test('equal texts have no diff', () => {
  assert.equal(unifiedDiff('a\n', 'a\n', 'f', 'f'), '');
});

test('one change with three lines of context, removals before additions', () => {
  const before = 'a\nb\nc\nd\ne\nf\ng\n';
  const after = 'a\nb\nc\nD\ne\nf\ng\n';
  assert.equal(unifiedDiff(before, after, 'x.yaml', 'x.yaml'), '--- x.yaml\n+++ x.yaml\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n');
});

test('far-apart changes make separate hunks; an insertion at the end', () => {
  const before = Array.from({ length: 20 }, (_, i) => `l${i}\n`).join('');
  const after = before.replace('l2\n', 'L2\n') + 'new\n';
  const d = unifiedDiff(before, after, 'f', 'f');
  assert.deepEqual(
    d.split('\n').filter((l) => l.startsWith('@@')),
    ['@@ -1,6 +1,6 @@', '@@ -18,3 +18,4 @@'],
  );
  assert.equal(applyUnified(before, d), after);
});

test('a missing final line break is marked', () => {
  const d = unifiedDiff('a\nb', 'a\nb\nc\n', 'f', 'f');
  assert.equal(d, '--- f\n+++ f\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n');
  assert.equal(applyUnified('a\nb', d), 'a\nb\nc\n');
});

test('CRLF lines keep their carriage returns', () => {
  const d = unifiedDiff('a\r\nb\r\n', 'a\r\nc\r\n', 'f', 'f');
  assert.ok(d.includes('-b\r\n+c\r\n'));
});

test('random edits: the diff applies and is minimal in the lines it keeps', () => {
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let round = 0; round < 300; round++) {
    const a = Array.from({ length: rand(30) }, () => `${'abcde'[rand(5)]}\n`);
    const b = [...a];
    for (let k = rand(6); k > 0; k--) {
      const at = rand(b.length + 1);
      if (rand(2) === 0 && b.length > 0) b.splice(Math.min(at, b.length - 1), 1);
      else b.splice(at, 0, `${'abcdefg'[rand(7)]}\n`);
    }
    const before = a.join('');
    const after = b.join('');
    assert.equal(applyUnified(before, unifiedDiff(before, after, 'f', 'f') || '--- f\n+++ f\n'), after, `round ${round}`);
    // The kept lines are a longest common subsequence: compare with a dynamic-programming LCS.
    const kept = diffLines(a, b).filter((o) => o.kind === ' ').length;
    const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--)
      for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    assert.equal(kept, lcs[0]![0], `round ${round}`);
  }
});

test('patch(1) applies the diff', { skip: spawnSync('patch', ['--version']).status !== 0 && 'patch(1) is not installed' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-diff-'));
  const before = 'apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n  - name: a\r\n';
  const after = 'apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n  - name: a\r\n    securityContext:\r\n      allowPrivilegeEscalation: false\r\n';
  fs.writeFileSync(path.join(dir, 'pod.yaml'), before);
  const p = spawnSync('patch', ['-p0', '--binary'], { cwd: dir, input: unifiedDiff(before, after, 'pod.yaml', 'pod.yaml') });
  assert.equal(p.status, 0, p.stderr.toString());
  assert.equal(fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8'), after);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a change above a long unchanged end is linear and does not overflow the stack', () => {
  // 200,000 repeated lines after one changed line: the old tail handling unshifted each of them
  // (quadratic) and then spread them into push() (a RangeError).
  const body = Array.from({ length: 200_000 }, (_, i) => `line ${i % 7}\n`).join('');
  const t0 = process.hrtime.bigint();
  const d = unifiedDiff(`a\n${body}`, `b\n${body}`, 'f', 'f');
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(d, '--- f\n+++ f\n@@ -1,4 +1,4 @@\n-a\n+b\n line 0\n line 1\n line 2\n');
  assert.ok(ms < 3000, `the diff took ${ms.toFixed(0)} ms`);
});
