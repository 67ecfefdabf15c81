import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadWebhookConfig } from './load-config';
import { tempDir } from '../../../test/support/temp-dir';

function dir(files: Record<string, string>): string {
  const d = tempDir('podguard-webhook-config-');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(d, name), text);
  return d;
}

const PSA =
  'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: baseline\n  warn: restricted\nexemptions:\n  namespaces: [kube-system]\n';
const PODGUARD = 'apiVersion: podguard.dev/v1alpha1\nkind: PodguardConfiguration\npreset: strict\nexemptions:\n  usernames: [ci-bot]\n';

test('no configuration: Pod Security Admission defaults, no policies (even with a podguard.yaml in the directory)', () => {
  const c = loadWebhookConfig({ files: [], cwd: dir({ 'podguard.yaml': PODGUARD }) });
  assert.deepEqual(c.errors, []);
  assert.equal(c.settings, undefined);
  assert.equal(c.podSecurity.defaults.enforce.level, 'privileged');
});

test('a PodSecurityConfiguration and a podguard configuration together; exemptions add up', () => {
  const c = loadWebhookConfig({ files: ['psa.yaml', 'podguard.yaml'], cwd: dir({ 'psa.yaml': PSA, 'podguard.yaml': PODGUARD }) });
  assert.deepEqual(c.errors, []);
  assert.deepEqual(c.podSecurity.defaults.warn, { level: 'restricted', version: 'latest' });
  assert.ok(c.podSecurity.exemptions.namespaces.has('kube-system'));
  assert.ok(c.podSecurity.exemptions.usernames.has('ci-bot'));
  assert.ok((c.settings?.settingsFor('x').policies?.length ?? 0) > 0);
});

test('an AdmissionConfiguration pointing at its PodSecurity file by path', () => {
  const admission = 'apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: PodSecurity\n  path: psa.yaml\n';
  const c = loadWebhookConfig({ files: ['admission.yaml'], cwd: dir({ 'admission.yaml': admission, 'psa.yaml': PSA }) });
  assert.deepEqual(c.errors, []);
  assert.equal(c.podSecurity.defaults.enforce.level, 'baseline');
});

test('problems name the file (and line); two files of one kind are refused', () => {
  const d = dir({
    'a.yaml': PSA,
    'b.yaml': PSA,
    'bad.yaml': 'kind: PodSecurityConfiguration\napiVersion: pod-security.admission.config.k8s.io/v1\nexemptions:\n  namespaces: [Kube_System]\n',
    'broken.yaml': 'a: [\n',
  });
  assert.match(
    loadWebhookConfig({ files: ['a.yaml', 'b.yaml'], cwd: d }).errors[0]!,
    /^b\.yaml: only one PodSecurityConfiguration may be given \(already have a\.yaml\)$/,
  );
  assert.match(
    loadWebhookConfig({ files: ['bad.yaml'], cwd: d }).errors.join('\n'),
    /^bad\.yaml:4: exemptions\.namespaces\[0\]: Invalid value: "Kube_System": a lowercase RFC 1123 label/,
  );
  assert.match(loadWebhookConfig({ files: ['broken.yaml'], cwd: d }).errors[0]!, /^broken\.yaml(:\d+)?: /);
  assert.match(loadWebhookConfig({ files: ['missing.yaml'], cwd: d }).errors[0]!, /^missing\.yaml: cannot read the configuration \(ENOENT\)$/);
});
