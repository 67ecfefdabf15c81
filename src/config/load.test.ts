// The configuration loader: discovery, validation with lines, presets and adjustments,
// per-namespace settings, command-line precedence, Kubernetes' PodSecurityConfiguration.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadSettings } from './load';

function dir(files: Record<string, string>): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-config-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(d, name), text);
  return d;
}
const ids = (s: { policies?: readonly { id: string }[] }) => (s.policies ?? []).map((p) => p.id);

describe('defaults and discovery', () => {
  test('no file: restricted:latest, the recommended preset, fail on anything', () => {
    const l = loadSettings({ cwd: dir({}) });
    assert.deepEqual(
      [l.configFile, l.errors, l.base.profile, l.preset, l.failOn],
      [undefined, [], { level: 'restricted', version: 'latest' }, 'recommended', 'low'],
    );
    assert.ok(ids(l.base).includes('dangerous-capabilities'));
    assert.ok(!ids(l.base).includes('writable-root-filesystem'), 'strict-only policies are not in recommended');
  });
  test('podguard.yaml in the working directory is found; podguard.yml too', () => {
    assert.equal(loadSettings({ cwd: dir({ 'podguard.yaml': 'preset: strict\n' }) }).preset, 'strict');
    assert.equal(loadSettings({ cwd: dir({ 'podguard.yml': 'preset: pss\n' }) }).preset, 'pss');
  });
  test('--config that does not exist is fatal', () => {
    const l = loadSettings({ cwd: dir({}), configPath: 'nope.yaml' });
    assert.deepEqual(l.errors, [{ file: 'nope.yaml', message: 'configuration file not found', fatal: true }]);
  });
  test('broken YAML is fatal, with its line', () => {
    const l = loadSettings({ cwd: dir({ 'podguard.yaml': 'level: baseline\nexclude: [a\n' }) });
    assert.equal(l.errors[0]!.fatal, true);
    assert.equal(l.errors[0]!.file, 'podguard.yaml');
    assert.ok(l.errors[0]!.line !== undefined);
  });
});

describe('validation: every problem, with its line; what is valid still applies', () => {
  const text = [
    'level: baseline', //                    1
    'preset: stritc', //                     2
    'failOn: high', //                       3
    'include: [writable-root-filesystem, no-such-policy]', // 4
    'exclude: [privileged]', //              5
    'severity:', //                          6
    '  net-raw-kept: critical', //           7
    '  bogus: low', //                       8
    'colour: blue', //                       9
    'version: v1.x', //                      10
    'exceptions:', //                        11
    '- checks: [host-pid]', //               12
    '  justification: ""', //                13
    '- checks: [host-ipc]', //               14
    '  justification: fine', //              15
    '  expires: 2026-02-30', //              16
    '- justification: no checks', //         17
  ].join('\n');
  const l = loadSettings({ cwd: dir({ 'podguard.yaml': text }) });
  const byLine = new Map(l.errors.map((e) => [e.line, e.message]));

  test('messages name the field and what is wrong', () => {
    assert.match(byLine.get(2)!, /^preset: "stritc" is not one of pss, recommended, strict$/);
    assert.match(byLine.get(4)!, /^include\[1\]: unknown check "no-such-policy"/);
    assert.match(byLine.get(5)!, /privileged is a Pod Security Standards check and cannot be excluded/);
    assert.match(byLine.get(8)!, /^severity\.bogus: unknown check "bogus"/);
    assert.match(byLine.get(9)!, /^colour: unknown field "colour"$/);
    assert.match(byLine.get(10)!, /^version: invalid version "v1.x"/);
    assert.match(byLine.get(13)!, /^exceptions\[0\]\.justification: a justification is required/);
    assert.match(byLine.get(16)!, /^exceptions\[1\]\.expires: "2026-02-30" is not a date/);
    assert.match(byLine.get(17)!, /^exceptions\[2\]: missing required field "checks"$/);
    assert.equal(l.errors.length, 9);
    assert.ok(l.errors.every((e) => e.file === 'podguard.yaml' && !e.fatal));
  });
  test('the valid settings apply; invalid exceptions do not', () => {
    assert.equal(l.base.profile.level, 'baseline');
    assert.equal(l.preset, 'recommended');
    assert.equal(l.failOn, 'high');
    assert.ok(ids(l.base).includes('writable-root-filesystem'));
    assert.deepEqual(l.base.severities, { 'net-raw-kept': 'critical' });
    assert.deepEqual(l.exceptions.rules, []);
  });
});

describe('presets, include and exclude', () => {
  test('strict has every policy; pss none; exclude wins over the preset', () => {
    assert.equal(ids(loadSettings({ cwd: dir({ 'podguard.yaml': 'preset: pss\ninclude: [host-pid]\n' }) }).base).join(), 'host-pid');
    const strict = loadSettings({ cwd: dir({ 'podguard.yaml': 'preset: strict\nexclude: [host-pid]\n' }) }).base;
    assert.ok(ids(strict).includes('writable-root-filesystem'));
    assert.ok(!ids(strict).includes('host-pid'));
  });
});

describe('per-namespace settings and command-line precedence', () => {
  const cwd = dir({
    'podguard.yaml': [
      'level: restricted',
      'exclude: [net-raw-kept]',
      'namespaces:',
      '  kube-system:',
      '    level: privileged',
      '    preset: strict',
      '    include: [net-raw-kept]',
      '  "team-*":',
      '    failOn: critical',
      '    severity: {host-pid: low}',
    ].join('\n'),
  });
  test('a namespace block overrides the top level; patterns match; others get the top level', () => {
    const l = loadSettings({ cwd });
    assert.deepEqual(l.errors, []);
    const ks = l.settingsFor('kube-system');
    assert.equal(ks.profile.level, 'privileged');
    assert.ok(ids(ks).includes('net-raw-kept'), 'a namespace include undoes a top-level exclude');
    assert.equal(l.presetFor('kube-system'), 'strict');
    assert.equal(l.settingsFor('team-a').failOn, 'critical');
    assert.deepEqual(l.settingsFor('team-a').severities, { 'host-pid': 'low' });
    assert.equal(l.settingsFor('shop'), l.base);
    assert.equal(l.settingsFor(undefined), l.base);
    assert.equal(l.settingsFor('kube-system'), ks, 'cached per namespace');
  });
  test('command-line values win everywhere', () => {
    const l = loadSettings({ cwd, level: 'baseline', preset: 'pss', failOn: 'high' });
    for (const ns of ['kube-system', 'team-a', undefined]) {
      const s = l.settingsFor(ns);
      assert.deepEqual([s.profile.level, s.failOn], ['baseline', 'high']);
    }
    assert.deepEqual(ids(l.settingsFor('shop')), []);
  });
});

describe('Kubernetes PodSecurityConfiguration, accepted as is', () => {
  const psa = [
    'apiVersion: pod-security.admission.config.k8s.io/v1',
    'kind: PodSecurityConfiguration',
    'defaults:',
    '  enforce: baseline',
    '  enforce-version: v1.29',
    '  audit: restricted',
    '  warn: restricted',
    'exemptions:',
    '  usernames: [system:serviceaccount:kube-system:replicaset-controller]',
    '  runtimeClasses: [kata]',
    '  namespaces: [kube-system]',
  ].join('\n');
  test("defaults.enforce is the level, exemptions are PSA's", () => {
    const l = loadSettings({ cwd: dir({ 'psa.yaml': psa }), configPath: 'psa.yaml' });
    assert.deepEqual(l.errors, []);
    assert.equal(l.configKind, 'PodSecurityConfiguration');
    assert.deepEqual(l.base.profile, { level: 'baseline', version: 29 });
    assert.deepEqual(l.base.exemptions, {
      namespaces: new Set(['kube-system']),
      runtimeClasses: new Set(['kata']),
      usernames: new Set(['system:serviceaccount:kube-system:replicaset-controller']),
    });
  });
  test('unset enforce defaults to privileged, as upstream', () => {
    const l = loadSettings({
      cwd: dir({ 'psa.yaml': 'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\n' }),
      configPath: 'psa.yaml',
    });
    assert.deepEqual(l.base.profile, { level: 'privileged', version: 'latest' });
  });
  test('inside an AdmissionConfiguration, inline or by path', () => {
    const inline = `apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: PodSecurity\n  configuration:\n${psa
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n')}\n`;
    assert.deepEqual(loadSettings({ cwd: dir({ 'a.yaml': inline }), configPath: 'a.yaml' }).base.profile, { level: 'baseline', version: 29 });
    const byPath = 'apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: PodSecurity\n  path: psa.yaml\n';
    assert.deepEqual(loadSettings({ cwd: dir({ 'a.yaml': byPath, 'psa.yaml': psa }), configPath: 'a.yaml' }).base.profile, { level: 'baseline', version: 29 });
  });
  test('invalid levels, versions, duplicates and unknown fields, with lines', () => {
    const bad =
      'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: strict\n  warn-version: "1.2"\n  typo: x\nexemptions:\n  namespaces: [a, a]\n';
    const l = loadSettings({ cwd: dir({ 'psa.yaml': bad }), configPath: 'psa.yaml' });
    assert.deepEqual(
      l.errors.map((e) => [e.line, e.message]),
      [
        [6, 'unknown field "defaults.typo"'],
        [4, 'defaults.enforce: Invalid value: "strict": must be one of privileged, baseline, restricted'],
        [5, 'defaults.warn-version: Invalid value: "1.2": must be "latest" or "v1.x"'],
        [8, 'exemptions.namespaces[1]: Duplicate value: "a"'],
      ],
    );
  });
});
