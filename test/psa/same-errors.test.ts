// One invalid PodSecurityConfiguration, three doors: `scan --config`, `serve --config` and
// `audit --config` must report the same problems, in upstream's words
// (admission/api/validation/validation.go), each at its file and line. The file is tried alone,
// inline in an AdmissionConfiguration, and referenced from one by path.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../support/temp-dir';
import { podguard } from '../support/cli';

const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const PSA_LINES = [
  'apiVersion: pod-security.admission.config.k8s.io/v1',
  'kind: PodSecurityConfiguration',
  'defaults:',
  '  enforce: strict',
  '  enforce-version: v1.x',
  'exemptions:',
  '  namespaces: [Bad_NS]',
];

const ADMISSION_LINES = ['apiVersion: apiserver.config.k8s.io/v1', 'kind: AdmissionConfiguration', 'plugins:', '- name: PodSecurity'];

const dir = tempDir('podguard-psa-same-errors-');
const files: Record<string, string> = {
  'psa.yaml': PSA_LINES.join('\n') + '\n',
  'inline.yaml': [...ADMISSION_LINES, '  configuration:', ...PSA_LINES.map((l) => `    ${l}`)].join('\n') + '\n',
  'by-path.yaml': [...ADMISSION_LINES, '  path: psa.yaml'].join('\n') + '\n',
  'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n  - name: web\n    image: nginx\n',
};
for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);

/** The three problems, upstream's wording, at the lines of `file` where the PSA object starts at `first` (1-based). */
function expected(file: string, first: number): string[] {
  return [
    `${file}:${first + 3}: defaults.enforce: Invalid value: "strict": must be one of privileged, baseline, restricted`,
    `${file}:${first + 4}: defaults.enforce-version: Invalid value: "v1.x": must be "latest" or "v1.x"`,
    `${file}:${first + 6}: exemptions.namespaces[0]: Invalid value: "Bad_NS": ${LABEL_MESSAGE}`,
  ];
}

function scanErrors(config: string): string[] {
  const r = podguard(['scan', '--config', config, '-o', 'json', 'pod.yaml'], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  const doc = JSON.parse(r.stdout) as { errors: { file: string; line?: number; message: string }[] };
  return doc.errors.map((e) => `${e.file}:${e.line}: ${e.message}`);
}

/** serve and audit refuse to start; their stderr lists each problem on its own indented line. */
function listedErrors(args: string[]): string[] {
  const r = podguard(args, { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.ok(!r.stderr.split('\n').some((l) => l.trimStart().startsWith('at ')), 'no stack trace');
  assert.match(r.stderr, /^podguard: the configuration has errors; podguard (serve did not start|audit did not run):\n/);
  return r.stderr
    .split('\n')
    .filter((l) => l.startsWith('  '))
    .map((l) => l.trim());
}

describe('the same invalid PodSecurityConfiguration gives the same errors from scan, serve and audit', () => {
  const cases: [string, string[]][] = [
    ['psa.yaml', expected('psa.yaml', 1)],
    ['inline.yaml', expected('inline.yaml', 6)],
    ['by-path.yaml', expected('psa.yaml', 1)],
  ];
  for (const [config, want] of cases) {
    test(config, () => {
      const scan = scanErrors(config);
      const serve = listedErrors(['serve', '--config', config, '--tls-cert', 'missing.crt', '--tls-key', 'missing.key']);
      const audit = listedErrors(['audit', '--config', config, 'pod.yaml']);
      assert.deepEqual(scan, want, 'scan');
      assert.deepEqual(serve, want, 'serve');
      assert.deepEqual(audit, want, 'audit');
    });
  }

  test('a valid file is accepted by all three (the errors above come from the content, not the doors)', () => {
    const valid = PSA_LINES.join('\n').replace('strict', 'baseline').replace('v1.x', 'v1.30').replace('Bad_NS', 'kube-system') + '\n';
    fs.writeFileSync(path.join(dir, 'valid.yaml'), valid);
    const scan = podguard(['scan', '--config', 'valid.yaml', '-o', 'json', 'pod.yaml'], { cwd: dir });
    const doc = JSON.parse(scan.stdout) as { profile: { level: string; version: string }; errors: unknown[] };
    assert.deepEqual([doc.errors, doc.profile], [[], { level: 'baseline', version: 'v1.30' }]);
    const audit = podguard(['audit', '--config', 'valid.yaml', '-o', 'json', 'pod.yaml'], { cwd: dir });
    assert.doesNotMatch(audit.stderr, /configuration has errors/);
    assert.notEqual(audit.code, 2, audit.stderr);
    const serve = podguard(['serve', '--config', 'valid.yaml', '--tls-cert', 'missing.crt', '--tls-key', 'missing.key'], { cwd: dir });
    assert.equal(serve.code, 2);
    assert.match(serve.stderr, /cannot read the TLS certificate/, 'serve got past its configuration to the certificates');
  });
});
