// End-to-end tests of `podguard scan` as a process: files, directories, stdin, broken input,
// output formats, exit codes and usage errors.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { podguard, podguardJson, REPO } from '../support/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-e2e-'));
function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: priv
  namespace: team-a
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      privileged: true
`;

const RESTRICTED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: nginx
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: [ALL]
`;

describe('scan: files and exit codes', () => {
  test('a restricted pod is allowed: exit 0 and an allowed result', () => {
    const f = write('good.yaml', RESTRICTED_POD);
    const { run, doc } = podguardJson(['scan', f]);
    assert.equal(run.code, 0);
    assert.equal(doc.schemaVersion, 1);
    assert.deepEqual(doc.profile, { level: 'restricted', version: 'v1.37' });
    assert.equal(doc.results.length, 1);
    assert.equal(doc.results[0]!.allowed, true);
    assert.equal(doc.results[0]!.failed, false);
    assert.deepEqual(doc.summary, { files: 1, objects: 1, evaluated: 1, allowed: 1, denied: 0, failed: 0, excepted: 0, errors: 0 });
  });

  test('a privileged pod: exit 1, the upstream message, the field at its line', () => {
    const f = write('priv.yaml', PRIVILEGED_POD);
    const { run, doc } = podguardJson(['scan', '--level', 'baseline', '--preset', 'pss', f]);
    assert.equal(run.code, 1);
    const r = doc.results[0]!;
    assert.deepEqual(r.source, { file: f, document: 0, line: 1 });
    assert.deepEqual(r.object, { apiVersion: 'v1', kind: 'Pod', namespace: 'team-a', name: 'priv' });
    assert.equal(r.podPath, '');
    assert.deepEqual(r.violations, [
      {
        check: 'privileged',
        standard: 'pss',
        level: 'baseline',
        severity: 'critical',
        reason: 'privileged',
        detail: 'container "app" must not set securityContext.privileged=true',
        fields: [{ path: 'spec.containers[0].securityContext.privileged', line: 11 }],
      },
    ]);
  });

  test('privileged level allows everything; hardening policies still report at that level', () => {
    const f = write('priv2.yaml', PRIVILEGED_POD);
    const { run, doc } = podguardJson(['scan', '--level', 'privileged', '--preset', 'pss', f]);
    assert.equal(run.code, 0);
    assert.equal(doc.results[0]!.allowed, true);
    const policies = podguardJson(['scan', '--level', 'privileged', f]);
    assert.equal(policies.run.code, 1);
    assert.equal(policies.doc.results[0]!.allowed, true, "policies never change the standard's verdict");
    assert.equal(policies.doc.results[0]!.violations[0]!.check, 'privileged-container');
  });

  test('YAML 1.1 booleans are read as kubectl reads them', () => {
    const f = write('yes.yaml', PRIVILEGED_POD.replace('privileged: true', 'privileged: yes'));
    const { doc } = podguardJson(['scan', '--level', 'baseline', '--preset', 'pss', f]);
    assert.deepEqual(
      doc.results[0]!.violations.map((v) => v.check),
      ['privileged'],
    );
  });

  test('directories are searched recursively for .yaml, .yml and .json, in sorted order', () => {
    const dir = path.join(tmp, 'tree');
    write('tree/b/pod.yml', PRIVILEGED_POD);
    write('tree/a/pod.json', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'c' }] } }, null, 2));
    write('tree/notes.txt', 'not a manifest');
    const { doc } = podguardJson(['scan', '--level', 'baseline', dir]);
    assert.deepEqual(
      doc.results.map((r) => r.source.file),
      [path.join(dir, 'a/pod.json'), path.join(dir, 'b/pod.yml')],
    );
    assert.equal(doc.summary.files, 2);
  });

  test('workload kinds report the pod path and template-relative fields', () => {
    const f = write(
      'cron.yaml',
      `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostPID: true
          containers: [{name: c, image: x}]
`,
    );
    const { doc } = podguardJson(['scan', '--level', 'baseline', f]);
    const r = doc.results[0]!;
    assert.equal(r.podPath, 'spec.jobTemplate.spec.template');
    assert.deepEqual(r.violations[0]!.fields, [{ path: 'spec.jobTemplate.spec.template.spec.hostPID', line: 10 }]);
  });
});

describe('scan: lists, documents and broken input', () => {
  test('multi-document files, Lists and non-pod objects', () => {
    const f = write(
      'multi.yaml',
      `# leading comment
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
---
apiVersion: v1
kind: PodList
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: one}
  spec: {containers: [{name: a}]}
- apiVersion: v1
  kind: Pod
  metadata: {name: two}
  spec:
    hostNetwork: true
    containers: [{name: b}]
`,
    );
    const { doc } = podguardJson(['scan', '--level', 'baseline', f]);
    assert.deepEqual(
      doc.results.map((r) => [r.object.name, r.source.document, r.source.line, r.allowed]),
      [
        ['one', 2, 11, true],
        ['two', 2, 15, false],
      ],
    );
    assert.equal(doc.summary.objects, 3);
    assert.equal(doc.summary.evaluated, 2);
  });

  test('a broken document is an error with its line; every other document is still evaluated; exit 2', () => {
    const f = write(
      'broken.yaml',
      `${PRIVILEGED_POD}---
apiVersion: v1
kind: Pod
metadata: {name: [unclosed
---
just a string
---
apiVersion: v1
metadata: {name: no-kind}
---
${PRIVILEGED_POD.replace('name: priv', 'name: after')}`,
    );
    const { run, doc } = podguardJson(['scan', '--level', 'baseline', f]);
    assert.equal(run.code, 2, 'an input error wins over findings');
    assert.deepEqual(
      doc.results.map((r) => r.object.name),
      ['priv', 'after'],
    );
    assert.deepEqual(
      doc.errors.map((e) => [e.document, e.line]),
      [
        [1, 16],
        [2, 17],
        [3, 19],
      ],
    );
    assert.match(doc.errors[0]!.message, /invalid YAML/);
    assert.match(doc.errors[1]!.message, /not a mapping/);
    assert.match(doc.errors[2]!.message, /no kind/);
    assert.equal(doc.summary.errors, 3);
  });

  test('text output names the file and line of an error on stderr, without a stack trace', () => {
    const f = write('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n');
    const run = podguard(['scan', f]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: error: invalid YAML`));
    assert.doesNotMatch(run.stderr, /\n[ \t]+at /);
  });

  test('custom tags are rejected, not executed', () => {
    const f = write('tag.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: t}\nspec: !!js/function "function(){}"\n');
    const { doc } = podguardJson(['scan', f]);
    assert.equal(doc.results.length, 0);
    assert.match(doc.errors[0]!.message, /unknown tag/);
  });

  test('an alias bomb fails fast with a clear error', () => {
    let text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: bomb}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    text += 'spec: {containers: [{name: c}]}\n';
    const f = write('bomb.yaml', text);
    const t0 = Date.now();
    const { doc } = podguardJson(['scan', f]);
    assert.ok(Date.now() - t0 < 10_000);
    assert.match(doc.errors[0]!.message, /alias/);
  });

  test('deep nesting is an error, not a crash', () => {
    const f = write('deep.json', `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    const { run, doc } = podguardJson(['scan', f]);
    assert.equal(run.code, 2);
    assert.match(doc.errors[0]!.message, /nested too deeply|not a mapping/);
  });
});

describe('scan: stdin, formats and usage errors', () => {
  test('"-" reads standard input', () => {
    const { run, doc } = podguardJson(['scan', '-', '--level', 'baseline'], { input: PRIVILEGED_POD });
    assert.equal(run.code, 1);
    assert.equal(doc.results[0]!.source.file, '<stdin>');
  });

  test('text output groups by file, prints the aggregated upstream message and a summary', () => {
    const f = write('t/priv.yaml', PRIVILEGED_POD);
    const run = podguard(['scan', '--level', 'baseline', '--version', 'v1.29', '--preset', 'pss', f]);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^.*t\/priv\.yaml\n  Pod team-a\/priv \(line 1\)\n\s+11  CRITICAL  privileged  container "app" must not set securityContext\.privileged=true\n/m,
    );
    assert.ok(run.stdout.includes('violates PodSecurity "baseline:v1.29": privileged (container "app" must not set securityContext.privileged=true)'));
    assert.match(run.stdout, /1 file, 1 object, 1 with pods: 0 allowed and 1 denied by the standard; 1 failed/);
    assert.doesNotMatch(run.stdout, /\x1b\[/, 'no colour when not a terminal');
  });

  test('FORCE_COLOR colours, NO_COLOR wins', () => {
    const f = write('c/priv.yaml', PRIVILEGED_POD);
    assert.match(podguard(['scan', f], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout, /\x1b\[31m/);
    assert.doesNotMatch(podguard(['scan', f], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout, /\x1b\[/);
  });

  test('a version newer than known is evaluated as the newest', () => {
    const { doc } = podguardJson(['scan', '--version', 'v1.99', '-'], { input: RESTRICTED_POD });
    assert.equal(doc.profile.version, 'v1.37');
  });

  for (const [args, message] of [
    [['scan', '--level', 'strict', 'x'], /unknown level "strict"/],
    [['scan', '--version', '1.30', 'x'], /invalid version "1.30"/],
    [['scan', '--version', 'v2.0', 'x'], /invalid version/],
    [['scan', '-o', 'xml', 'x'], /unknown format "xml"/],
    [['scan', '/does/not/exist'], /no such file or directory: \/does\/not\/exist/],
    [['scan'], /no paths given/],
    [['scan', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ] as const) {
    test(`usage error: ${args.join(' ')}`, () => {
      const run = podguard(args);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length <= 2, true, 'one clear line, no stack trace');
      assert.equal(run.stdout, '');
    });
  }

  test('--help teaches: options, exit codes and examples', () => {
    const run = podguard(['scan', '--help']);
    assert.equal(run.code, 0);
    for (const word of ['--level', '--version', '-o', 'Exit codes', 'Examples', 'kubectl get']) assert.ok(run.stdout.includes(word), word);
  });
});

describe('scan: limits and kubectl', () => {
  test('a file over the size limit is refused with a clear error; other files are still scanned', () => {
    const big = write('limits/big.yaml', `${PRIVILEGED_POD}# ${'x'.repeat(1024 * 1024)}\n`);
    const small = write('limits/small.yaml', PRIVILEGED_POD);
    const run = podguard(['scan', '-o', 'json', big, small], { env: { PODGUARD_MAX_FILE_MIB: '1' } });
    assert.equal(run.code, 2);
    const doc = JSON.parse(run.stdout) as { errors: { file: string; message: string }[]; results: unknown[] };
    assert.equal(doc.errors[0]!.file, big);
    assert.match(doc.errors[0]!.message, /larger than 1 MiB/);
    assert.equal(doc.results.length, 1);
  });

  test('works as a kubectl plugin through the kubectl-podguard bin', (t) => {
    const which = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
    if (which.status !== 0) {
      t.skip('kubectl is not installed on this machine');
      return;
    }
    const binDir = path.join(tmp, 'plugin-bin');
    fs.mkdirSync(binDir, { recursive: true });
    const link = path.join(binDir, 'kubectl-podguard');
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(REPO, 'bin', 'podguard.js'), link);
    const f = write('plugin/priv.yaml', PRIVILEGED_POD);
    const p = spawnSync('kubectl', ['podguard', 'scan', '--level', 'baseline', f], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', PATH: `${binDir}:${process.env['PATH']}` },
    });
    assert.equal(p.status, 1, p.stderr);
    assert.match(p.stdout, /privileged\s+container "app" must not set securityContext\.privileged=true/);
  });
});
