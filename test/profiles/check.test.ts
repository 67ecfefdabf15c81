// `podguard profiles check` on hand-written profiles of each kind: the valid ones provide exactly
// the names pods use and raise nothing; each invalid one is reported at its file and line with
// what is wrong. AppArmor and SELinux go through the real apparmor_parser and secilc.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { checkSeccomp } from '../../src/profiles/seccomp/check-seccomp';
import { readProfileSet } from '../../src/profiles/profile-set';
import { jsonErrorOffset } from '../../src/profiles/json-error-offset';
import { cilTypes } from '../../src/profiles/selinux/cil-types';
import { profileLabelKey } from '../../src/profiles/labels';
import { nearMisses } from '../../src/policies/near-miss';
import { podguard, REPO } from '../support/cli';
import { needsHostTool } from './host-packages';

const FIXTURES = path.join(REPO, 'test', 'profiles', 'fixtures');
const fixture = (p: string) => path.join(FIXTURES, p);
const apparmor = needsHostTool('apparmor_parser', 'apparmor');
const secilc = needsHostTool('secilc', 'secilc');

/** `line: severity: message-start` of each finding for one file, in order. */
function summary(file: string, findings: readonly { file: string; line?: number; severity: string; message: string }[]): string[] {
  return findings.filter((f) => f.file === file).map((f) => `${f.line ?? '-'} ${f.severity} ${f.message}`);
}

test('valid seccomp profiles raise nothing', () => {
  for (const f of ['valid/seccomp/web.json', 'valid/seccomp/audit.json']) assert.deepEqual(checkSeccomp(f, fs.readFileSync(fixture(f), 'utf8')), []);
});

test('seccomp: schema errors, unknown syscalls (with a suggestion) and Docker-only keys, each at its line', () => {
  const schema = checkSeccomp('s.json', fs.readFileSync(fixture('invalid/seccomp/schema.json'), 'utf8'));
  const lines = summary('s.json', schema);
  assert.ok(
    lines.some((l) => l.startsWith('2 error defaultAction: "SCMP_ACT_DENY" is not one of')),
    lines.join('\n'),
  );
  assert.ok(lines.some((l) => l.startsWith('3 error architectures[1]: "x86_64" is not one of')));
  assert.ok(lines.includes('6 error syscalls[1].names: must NOT have fewer than 1 items'));
  assert.ok(lines.includes('7 error syscalls[2].args[0]: missing required field "value"'));
  assert.ok(lines.includes('7 error syscalls[2].args[0].index: must be >= 0'));
  assert.ok(
    lines.some((l) => l.startsWith('5 error unknown syscall "wirte"') && l.includes('did you mean "write"')),
    lines.join('\n'),
  );
  assert.equal(schema.length, 6);

  const moby = summary('m.json', checkSeccomp('m.json', fs.readFileSync(fixture('invalid/seccomp/moby.json'), 'utf8')));
  assert.deepEqual(
    moby.map((l) => l.split(':')[0]),
    [
      '15 error syscalls[2]',
      '3 error "archMap" is a Docker (moby) profile key',
      '8 warning syscalls[0].comment is a Docker (moby) profile key',
      '13 error syscalls[1].includes is a Docker (moby) profile key',
      '16 error syscalls[2].name is a Docker (moby) profile key',
    ],
  );

  const trailing = checkSeccomp('t.json', fs.readFileSync(fixture('invalid/seccomp/trailing-comma.json'), 'utf8'));
  assert.equal(trailing.length, 1);
  assert.equal(trailing[0]!.line, 5);
  assert.match(trailing[0]!.message, /^not valid JSON/);
});

test('a syscall that exists only on other architectures is a warning, not an error', () => {
  const text = JSON.stringify(
    { defaultAction: 'SCMP_ACT_ERRNO', architectures: ['SCMP_ARCH_AARCH64'], syscalls: [{ names: ['open', 'openat'], action: 'SCMP_ACT_ALLOW' }] },
    null,
    1,
  );
  const f = checkSeccomp('a.json', text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'warning');
  assert.match(f[0]!.message, /"open" exists on none of the listed architectures \(SCMP_ARCH_AARCH64\)/);
});

test('the JSON error finder agrees with JSON.parse on what is valid', () => {
  const valid = ['{}', '[]', '{"a":[1,2,{"b":null}],"c":"x\\u00e9"}', ' 12.5e3 ', '"s"', '[[[[]]]]', '{"a":{"b":{}}}'];
  for (const v of valid) assert.equal(jsonErrorOffset(v), undefined, v);
  const invalid: [string, number][] = [
    ['{"a":1,}', 7],
    ['[1,]', 3],
    ['{"a" 1}', 5],
    ['{a:1}', 1],
    ['[1 2]', 3],
    ['{"a":1}}', 7],
    ['', 0],
    ['[', 1],
    ['"\\x"', 1],
  ];
  for (const [v, at] of invalid) {
    assert.throws(() => JSON.parse(v));
    assert.equal(jsonErrorOffset(v), at, v);
  }
  assert.equal(jsonErrorOffset('['.repeat(100_000) + ']'.repeat(100_000)), undefined, 'deep nesting needs no recursion');
});

test('CIL types are named with their blocks; comments and strings are skipped', () => {
  assert.deepEqual(cilTypes('(type a_t) ; (type not_me)\n(block web (type process) (block inner (type x)) (typeattribute t) (type "q"))\n(type b_t)'), [
    'a_t',
    'web.process',
    'web.inner.x',
    'b_t',
  ]);
});

test('label keys are valid label names, unique for names that had to be shortened', () => {
  const valid = /^profiles\.podguard\.dev\/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
  assert.equal(profileLabelKey('apparmor', 'podguard-nginx'), 'profiles.podguard.dev/apparmor-podguard-nginx');
  const long = profileLabelKey('seccomp', `podguard/${'x'.repeat(80)}.json`);
  const other = profileLabelKey('seccomp', `podguard/${'x'.repeat(80)}.jsoN`);
  for (const k of [long, other, profileLabelKey('seccomp', 'podguard/a/b.json'), profileLabelKey('selinux', 'web.process_')]) assert.match(k, valid);
  assert.notEqual(long, other);
  assert.notEqual(profileLabelKey('seccomp', 'podguard/a/b.json'), profileLabelKey('seccomp', 'podguard/a-b.json'));
});

test('near misses are found within a small distance and only there', () => {
  assert.deepEqual(nearMisses('podguard/web.jsn', ['podguard/web.json', 'podguard/audit.json']), ['podguard/web.json']);
  assert.deepEqual(nearMisses('nginx', ['podguard-nginx']), []);
  assert.deepEqual(nearMisses('podguard-ngnix', ['podguard-nginx', 'other']), ['podguard-nginx']);
});

test('AppArmor: the real apparmor_parser compiles the valid profile and names it; a syntax error is at its line', { skip: apparmor }, async () => {
  const set = await readProfileSet([fixture('valid/apparmor'), fixture('invalid/apparmor')]);
  assert.deepEqual(
    set.provided.map((p) => `${p.kind} ${p.name}`),
    ['apparmor podguard-nginx'],
  );
  assert.deepEqual(summary(fixture('invalid/apparmor/typo'), set.findings), ['3 error apparmor_parser: syntax error, unexpected TOK_ID, expecting TOK_MODE']);
});

test('SELinux: the real secilc compiles the valid policy; an unresolved type is at its line', { skip: secilc }, async () => {
  const set = await readProfileSet([fixture('valid/selinux'), fixture('invalid/selinux')]);
  assert.deepEqual(
    set.provided.map((p) => `${p.kind} ${p.name}`),
    ['selinux podguard_web.process'],
  );
  assert.deepEqual(summary(fixture('invalid/selinux/unresolved.cil'), set.findings), ['3 error secilc: Failed to resolve allow statement']);
});

test('the CLI checks a whole folder: names provided, exit 0; invalid files exit 1 with file:line lines', { skip: apparmor || secilc }, () => {
  const ok = podguard(['profiles', 'check', 'test/profiles/fixtures/valid', '-o', 'json']);
  assert.equal(ok.code, 0, ok.stderr);
  const doc = JSON.parse(ok.stdout) as { provided: { kind: string; name: string }[]; findings: unknown[] };
  assert.deepEqual(doc.findings, []);
  assert.deepEqual(doc.provided.map((p) => `${p.kind} ${p.name}`).sort(), [
    'apparmor podguard-nginx',
    'seccomp podguard/audit.json',
    'seccomp podguard/web.json',
    'selinux podguard_web.process',
  ]);
  const bad = podguard(['profiles', 'check', 'test/profiles/fixtures/invalid']);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /^test\/profiles\/fixtures\/invalid\/seccomp\/schema\.json:5: error: unknown syscall "wirte"/m);
  assert.match(bad.stdout, /^test\/profiles\/fixtures\/invalid\/selinux\/unresolved\.cil:3: error: secilc: Failed to resolve allow statement$/m);
  assert.match(bad.stdout, /0 profiles provided; 13 errors, 1 warning\n$/);
  const usage = podguard(['profiles', 'check', 'no/such/dir']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /no\/such\/dir does not exist/);
  assert.doesNotMatch(usage.stderr, /at .*\.js:\d+/);
});
