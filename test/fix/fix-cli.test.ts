// End-to-end tests of `podguard fix` as a process: the diff by default, --write (atomic, mode
// kept, links followed), standard input, JSON output, exit codes, broken input and usage errors.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { podguard } from '../support/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-fix-e2e-'));
let n = 0;
function write(name: string, text: string): string {
  const file = path.join(tmp, `${n++}`, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const DEPLOYMENT = `# web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: registry.example.com/web:1   # pinned
        ports:
        - containerPort: 8080
`;

const HARDENED = `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: app
    image: registry.example.com/app:1
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
`;

describe('fix: diff by default', () => {
  test('prints a unified diff of the safe fixes, writes nothing, reports what is left (exit 1)', () => {
    const f = write('web.yaml', DEPLOYMENT);
    const run = podguard(['fix', f]);
    assert.equal(run.code, 1);
    assert.equal(fs.readFileSync(f, 'utf8'), DEPLOYMENT, 'the file is untouched');
    assert.ok(run.stdout.startsWith(`--- ${f}\n+++ ${f}\n@@ `), run.stdout);
    assert.ok(run.stdout.includes('+        securityContext:\n+          allowPrivilegeEscalation: false\n'));
    assert.ok(run.stdout.includes('+      securityContext:\n+        seccompProfile:\n+          type: RuntimeDefault\n'));
    assert.match(run.stderr, /fixed +allowPrivilegeEscalation +container "web"/);
    assert.match(run.stderr, /left +runAsNonRoot .*\n.*needs --unsafe: sets securityContext\.runAsNonRoot: true/);
    assert.match(run.stderr, /Nothing was written/);
  });

  test(
    'patch(1) applies the diff and gives what --write writes',
    { skip: spawnSync('patch', ['--version']).status !== 0 && 'patch(1) is not installed' },
    () => {
      const a = write('web.yaml', DEPLOYMENT);
      const b = write('web.yaml', DEPLOYMENT);
      // patch(1) refuses absolute file names: name the file relative to where it is applied.
      const diff = podguard(['fix', '--unsafe', 'web.yaml'], { cwd: path.dirname(a) }).stdout;
      const p = spawnSync('patch', ['-p0', '--quiet'], { input: diff, encoding: 'utf8', cwd: path.dirname(a) });
      assert.equal(p.status, 0, p.stderr);
      assert.equal(podguard(['fix', '--unsafe', '--write', b]).code, 0);
      assert.equal(fs.readFileSync(a, 'utf8'), fs.readFileSync(b, 'utf8'));
    },
  );

  test('a file with nothing to fix: no diff, exit 0, byte-identical', () => {
    const f = write('ok.yaml', HARDENED);
    const run = podguard(['fix', '--unsafe', f]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    assert.equal(fs.readFileSync(f, 'utf8'), HARDENED);
    assert.match(run.stderr, /nothing to fix; nothing left/);
  });
});

describe('fix --write', () => {
  test('rewrites in place, keeps the mode, leaves no temporary file, and a second run changes nothing', () => {
    const f = write('web.yaml', DEPLOYMENT);
    fs.chmodSync(f, 0o640);
    const run = podguard(['fix', '--unsafe', '--write', f]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    const fixed = fs.readFileSync(f, 'utf8');
    assert.notEqual(fixed, DEPLOYMENT);
    assert.ok(fixed.startsWith('# web tier\n') && fixed.includes('image: registry.example.com/web:1   # pinned\n'), 'comments kept');
    assert.equal(fs.statSync(f).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(path.dirname(f)), ['web.yaml']);
    assert.equal(podguard(['scan', '--preset', 'pss', f]).code, 0, 'the fixed file passes');
    const again = podguard(['fix', '--unsafe', '--write', f]);
    assert.equal(again.code, 0);
    assert.equal(fs.readFileSync(f, 'utf8'), fixed);
  });

  test('a symbolic link stays a link; its target is fixed', () => {
    const target = write('real.yaml', DEPLOYMENT);
    const link = path.join(path.dirname(target), 'link.yaml');
    fs.symlinkSync(target, link);
    assert.equal(podguard(['fix', '--unsafe', '--write', link]).code, 0);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.notEqual(fs.readFileSync(target, 'utf8'), DEPLOYMENT);
  });

  // Issue 11, item 12: a link planted in a repository must not make `fix --write` rewrite a
  // file elsewhere (a user's shell profile, a system file).
  test('a symbolic link that leaves the paths given is not written through, unless --follow-symlinks', () => {
    const outside = write('outside/victim.yaml', DEPLOYMENT);
    const repo = path.dirname(write('repo/k8s/ok.yaml', HARDENED));
    fs.symlinkSync(outside, path.join(repo, 'evil.yaml'));
    const run = podguard(['fix', '--unsafe', '--write', repo]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /evil\.yaml.*not written: it is a symbolic link to .*victim\.yaml, outside the paths given; pass --follow-symlinks/);
    assert.equal(fs.readFileSync(outside, 'utf8'), DEPLOYMENT);
    assert.equal(podguard(['fix', '--unsafe', '--write', '--follow-symlinks', repo]).code, 0);
    assert.notEqual(fs.readFileSync(outside, 'utf8'), DEPLOYMENT);
    assert.match(podguard(['fix', '--help']).stdout, /--follow-symlinks/);
  });

  test('temporary files a killed run left behind are removed by the next --write; others stay', () => {
    const f = write('stale/web.yaml', DEPLOYMENT);
    const dir = path.dirname(f);
    // A process that has exited: its pid names no running process.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const stale = path.join(dir, `.web.yaml.podguard-${gone}-0123abcd.tmp`);
    const running = path.join(dir, `.web.yaml.podguard-${process.pid}-89abcdef.tmp`);
    const mine = path.join(dir, '.web.yaml.swp');
    for (const x of [stale, running, mine]) fs.writeFileSync(x, 'half a file');
    assert.equal(podguard(['fix', '--unsafe', '--write', f]).code, 0);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.web.yaml.podguard-' + process.pid + '-89abcdef.tmp', '.web.yaml.swp', 'web.yaml'].sort());
  });

  test('a directory: every manifest fixed, others untouched', () => {
    const dir = path.dirname(write('a/web.yaml', DEPLOYMENT));
    fs.writeFileSync(path.join(dir, 'ok.yaml'), HARDENED);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'securityContext: {}\n');
    const run = podguard(['fix', '--unsafe', '--write', path.dirname(dir)]);
    assert.equal(run.code, 0, run.stderr);
    assert.notEqual(fs.readFileSync(path.join(dir, 'web.yaml'), 'utf8'), DEPLOYMENT);
    assert.equal(fs.readFileSync(path.join(dir, 'ok.yaml'), 'utf8'), HARDENED);
    assert.equal(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'securityContext: {}\n');
  });

  test('a file that cannot be written is an error (exit 2) and is left as it was', { skip: process.getuid?.() === 0 && 'root can write anywhere' }, () => {
    const f = write('web.yaml', DEPLOYMENT);
    fs.chmodSync(path.dirname(f), 0o555);
    try {
      const run = podguard(['fix', '--unsafe', '--write', f]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /cannot write the fixed file: EACCES; it was left unchanged/);
      assert.equal(fs.readFileSync(f, 'utf8'), DEPLOYMENT);
    } finally {
      fs.chmodSync(path.dirname(f), 0o755);
    }
  });
});

describe('fix: standard input, JSON, broken input', () => {
  test('"-" reads standard input and writes the fixed manifest to standard output', () => {
    const run = podguard(['fix', '--unsafe', '-'], { input: DEPLOYMENT });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.startsWith('# web tier\napiVersion: apps/v1\n'));
    assert.ok(run.stdout.includes('runAsNonRoot: true'));
    assert.match(run.stderr, /<stdin>/);
    const scan = podguard(['scan', '--preset', 'pss', '-'], { input: run.stdout });
    assert.equal(scan.code, 0, scan.stdout);
  });

  test('--format json: one document with each fix, what is left and why, and the diff', () => {
    const f = write('web.yaml', DEPLOYMENT);
    const run = podguard(['fix', '-o', 'json', f]);
    assert.equal(run.code, 1);
    const doc = JSON.parse(run.stdout) as {
      profile: { level: string; version: string };
      files: {
        file: string;
        changed: boolean;
        diff: string;
        objects: { fixed: { check: string; remedy: string; safe: boolean }[]; remaining: { check: string; why: { kind: string }[] }[] }[];
      }[];
      summary: { fixes: number; remaining: number; needUnsafe: number; failedObjects: number };
    };
    assert.deepEqual(doc.profile, { level: 'restricted', version: 'v1.37' });
    const file = doc.files[0]!;
    assert.equal(file.changed, true);
    assert.ok(file.diff.startsWith(`--- ${f}`));
    const fixed = file.objects[0]!.fixed.map((x) => `${x.check}/${x.remedy}/${x.safe}`).sort();
    assert.deepEqual(fixed, ['allowPrivilegeEscalation/unset/true', 'seccompProfile_restricted/unset/true']);
    const left = Object.fromEntries(file.objects[0]!.remaining.map((r) => [r.check, r.why.map((w) => w.kind)]));
    assert.deepEqual(left, { capabilities_restricted: ['needs-unsafe'], runAsNonRoot: ['needs-unsafe'] });
    assert.equal(doc.summary.failedObjects, 1);
  });

  test('a broken document is reported with its line (exit 2); the others are fixed and it stays byte for byte', () => {
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n';
    const f = write('mixed.yaml', `${DEPLOYMENT}---\n${broken}`);
    const run = podguard(['fix', '--unsafe', '--write', f]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /mixed\.yaml:2\d: error: invalid YAML/);
    const out = fs.readFileSync(f, 'utf8');
    assert.ok(out.endsWith(`---\n${broken}`));
    assert.ok(out.includes('runAsNonRoot: true'));
  });
});

describe('fix: usage errors (exit 2, one line)', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown --only ids, all named', ['--only', 'privileged,nope,runAsNonRoot,neither'], /--only: no fix for "nope", "neither"; fixes exist for /],
    ['--write with --emit kustomize-patch', ['--write', '--emit', 'kustomize-patch'], /choose one/],
    ['an unknown --emit', ['--emit', 'patch'], /unknown --emit "patch": use one of diff, kustomize-patch/],
    ['stdin mixed with files', ['-', 'examples/'], /fix standard input on its own/],
  ];
  for (const [name, args, message] of cases) {
    test(name, () => {
      const run = podguard(['fix', ...args, ...(args.includes('-') ? [] : ['examples/'])]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.doesNotMatch(run.stderr, /\n[ \t]+at /, 'no stack trace');
    });
  }

  test('no paths', () => {
    const run = podguard(['fix']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no paths given/);
  });

  test('--help teaches: options, defaults, exit codes, examples', () => {
    const run = podguard(['fix', '--help']);
    assert.equal(run.code, 0);
    for (const s of ['--unsafe', '--write', '--emit WHAT', '(default: diff)', 'Exit codes:', 'Examples:', 'docs/fixes.md'])
      assert.ok(run.stdout.includes(s), s);
  });
});
