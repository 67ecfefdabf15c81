// `profiles:` in podguard.yaml: scan and audit report every Localhost reference the inventory
// (a profiles folder, or a bundle) does not provide, at its line, with a "did you mean".

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadWebhookConfig } from '../../src/admission/config/load-config';
import { isPodPolicy } from '../../src/policies/policy';
import { podguard, podguardJson, REPO } from '../support/cli';
import { tempDir } from '../support/temp-dir';
import { needsHostTool } from './host-packages';

const skip = needsHostTool('apparmor_parser', 'apparmor') || needsHostTool('secilc', 'secilc');
const VALID = path.join(REPO, 'test', 'profiles', 'fixtures', 'valid');

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  annotations:
    container.apparmor.security.beta.kubernetes.io/web: localhost/podguard-ngnix
spec:
  securityContext:
    seccompProfile:
      type: Localhost
      localhostProfile: podguard/web.jsn
  containers:
    - name: web
      image: nginx
      securityContext:
        seLinuxOptions:
          type: podguard_web.process
        seccompProfile:
          type: Localhost
          localhostProfile: podguard/audit.json
`;

function setUp(profiles: string): { dir: string; pod: string; config: string } {
  const dir = tempDir('podguard-refs-');
  fs.writeFileSync(path.join(dir, 'pod.yaml'), POD);
  fs.writeFileSync(path.join(dir, 'podguard.yaml'), `preset: recommended\nprofiles: ${profiles}\n`);
  return { dir, pod: path.join(dir, 'pod.yaml'), config: path.join(dir, 'podguard.yaml') };
}

function missing(doc: ReturnType<typeof podguardJson>['doc']): string[] {
  return doc.results.flatMap((r) => r.violations.filter((v) => v.check === 'localhost-profile-missing').map((v) => `${v.fields[0]!.line} ${v.detail}`));
}

test('scan with a profiles folder: misspelt seccomp path and AppArmor name at their lines, provided ones not reported', { skip }, () => {
  const { pod, config } = setUp(VALID);
  const { doc } = podguardJson(['scan', pod, '-c', config]);
  assert.deepEqual(missing(doc), [
    `12 the pod names seccomp profile "podguard/web.jsn", which ${VALID} does not provide (did you mean "podguard/web.json"?)`,
    `7 container "web" names AppArmor profile "podguard-ngnix", which ${VALID} does not provide (did you mean "podguard-nginx"?)`,
  ]);
});

test('scan and audit with a bundle as the inventory report the same; an inventory that is not there is one usage error', { skip }, () => {
  const out = path.join(tempDir('podguard-refs-bundle-'), 'bundle');
  assert.equal(podguard(['profiles', 'bundle', VALID, '-o', out]).code, 0);
  const { dir, pod, config } = setUp(out);
  const { doc } = podguardJson(['scan', pod, '-c', config]);
  assert.equal(missing(doc).length, 2);
  assert.ok(missing(doc)[0]!.includes(`which ${out} does not provide (did you mean "podguard/web.json"?)`));
  const audit = podguard(['audit', pod, '-c', config, '-o', 'json']);
  assert.notEqual(audit.code, 2, audit.stderr);
  assert.equal((audit.stdout.match(/localhost-profile-missing/g) ?? []).length >= 2, true, audit.stdout.slice(0, 2000));
  fs.writeFileSync(path.join(dir, 'bad.yaml'), 'profiles: nowhere\n');
  const bad = podguard(['scan', pod, '-c', path.join(dir, 'bad.yaml')]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim(), `podguard: ${path.join(dir, 'bad.yaml')}: profiles: ${path.join(dir, 'nowhere')} does not exist`);
});

test('without profiles: in podguard.yaml nothing is reported about Localhost references', () => {
  const dir = tempDir('podguard-refs-none-');
  fs.writeFileSync(path.join(dir, 'pod.yaml'), POD);
  const { doc } = podguardJson(['scan', path.join(dir, 'pod.yaml'), '--preset', 'strict']);
  assert.deepEqual(missing(doc), []);
});

test('serve reads profiles: too: the webhook settings carry the inventory, and a missing one is a start-up error', { skip }, () => {
  const { dir, config } = setUp(VALID);
  const loaded = loadWebhookConfig({ files: [config], cwd: dir });
  assert.deepEqual(loaded.errors, []);
  const spec = { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'podguard/web.jsn' } }, containers: [{ name: 'web' }] };
  const policy = loaded.settings!.registry.get('localhost-profile-missing')!;
  assert.ok(isPodPolicy(policy));
  assert.match(policy.check({}, spec as never)[0]!.detail, /did you mean "podguard\/web\.json"/);
  fs.writeFileSync(path.join(dir, 'bad.yaml'), 'profiles: nowhere\n');
  assert.deepEqual(loadWebhookConfig({ files: [path.join(dir, 'bad.yaml')], cwd: dir }).errors, [
    `${path.join(dir, 'bad.yaml')}: profiles: ${path.join(dir, 'nowhere')} does not exist`,
  ]);
});
