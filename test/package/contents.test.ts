// The npm package ships what users run and read, and nothing of the test world: no compiled
// tests or benchmarks, and every docs/ page a --help text or the README points to.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.join(__dirname, '..', '..', '..');

function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}

/** `docs/...` paths named in the CLI's sources and the README. */
function docsMentioned(): string[] {
  const texts = [fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')];
  const cli = path.join(ROOT, 'src', 'cli');
  for (const f of fs.readdirSync(cli)) if (f.endsWith('.ts') && !f.endsWith('.test.ts')) texts.push(fs.readFileSync(path.join(cli, f), 'utf8'));
  const found = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/\bdocs\/[\w./-]*\.md\b/g)) found.add(m[0]);
  return [...found].sort();
}

test('the package holds the CLI and its docs, and no tests or benchmarks', () => {
  const files = packedFiles();
  assert.ok(files.includes('bin/podguard.js'));
  assert.ok(files.includes('dist/src/cli/main.js'));
  assert.deepEqual(
    files.filter((f) => f.startsWith('dist/test/') || /\.test\.js$/.test(f) || f.includes('/bench/')),
    [],
  );
  const mentioned = docsMentioned();
  assert.ok(mentioned.length >= 3, `docs mentioned: ${mentioned.join(', ')}`);
  assert.deepEqual(
    mentioned.filter((d) => !files.includes(d)),
    [],
    'every docs page the help or README names is shipped',
  );
});
