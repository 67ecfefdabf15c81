#!/usr/bin/env node
'use strict';
// Runs the compiled tests with Node's own test runner and ends with one plain summary line
// ("N passed, N failed, N skipped") that CI systems and people can read at a glance.
// Usage: node scripts/run-tests.js [--all] [substring…]
//   substrings: only test files whose path contains one of them
//   --all:      include the slow suites (browser, load, servers), files named *.slow.test.js;
//               `npm test` (and so CI) passes it, the inner loop (`npm run test:fast`) does not.
// The real-Kubernetes suites (test/oracle/, test/cluster/) need the binaries of `npm run tools`
// and run only when named: `npm run test:oracle`, `npm run test:cluster`.
// .tools/bin goes first on PATH, so tests that look for kubectl find the one the project built.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', 'dist');
const args = process.argv.slice(2);
const slow = args.includes('--all') || process.env.PODGUARD_SLOW === '1';
const filters = args.filter((a) => a !== '--all');

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const REAL_KUBERNETES = [`${path.sep}test${path.sep}oracle${path.sep}`, `${path.sep}test${path.sep}cluster${path.sep}`];
// Compiled tests whose source is gone (moved or deleted since the last build) are left in dist/
// by tsc's incremental build; running them would test code that no longer exists.
const hasSource = (f) => fs.existsSync(path.join(__dirname, '..', path.relative(root, f)).replace(/\.js$/, '.ts'));
let files = walk(root, []).filter(hasSource).sort();
if (filters.length) files = files.filter((f) => filters.some((s) => f.includes(s)));
else {
  files = files.filter((f) => !REAL_KUBERNETES.some((dir) => f.includes(dir)));
  if (!slow) files = files.filter((f) => !f.endsWith('.slow.test.js'));
}
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const toolsBin = path.join(__dirname, '..', '.tools', 'bin');
const env = { ...process.env, PATH: `${toolsBin}${path.delimiter}${process.env.PATH || ''}` };
const child = spawn(process.execPath, ['--test', '--test-reporter=tap', ...files], { stdio: ['ignore', 'pipe', 'inherit'], env });
const counts = { pass: 0, fail: 0, skipped: 0, todo: 0 };
let buffered = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buffered += chunk.toString();
  const lines = buffered.split('\n');
  buffered = lines.pop();
  for (const line of lines) {
    const m = /^# (pass|fail|skipped|todo) (\d+)$/.exec(line);
    if (m) counts[m[1]] = Number(m[2]);
  }
});
child.on('close', (code) => {
  console.log(`\n${counts.pass} passed, ${counts.fail} failed, ${counts.skipped} skipped`);
  process.exit(code === 0 && counts.fail === 0 ? 0 : 1);
});
