import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ALLOWED, type PssCheck } from './check';
import { PSS_CHECKS } from './checks';
import { pssRegistry, Registry, validateChecks } from './registry';

const UPSTREAM_IDS = [
  'allowPrivilegeEscalation',
  'appArmorProfile',
  'capabilities_baseline',
  'capabilities_restricted',
  'hostNamespaces',
  'hostPathVolumes',
  'hostPorts',
  'hostProbesAndHostLifecycle',
  'privileged',
  'procMount',
  'procMount_restricted',
  'restrictedVolumes',
  'runAsNonRoot',
  'runAsUser',
  'seLinuxOptions',
  'seccompProfile_baseline',
  'seccompProfile_restricted',
  'sysctls',
  'windowsHostProcess',
];

test('the registry holds exactly the 19 upstream checks and validates', () => {
  assert.deepEqual(PSS_CHECKS.map((c) => c.id).sort(), [...UPSTREAM_IDS].sort());
  assert.deepEqual(validateChecks(PSS_CHECKS), []);
});

test('the checks folder and the registry agree: one module per check, named by its id, with a test', () => {
  // Compiled layout: dist/src/pss/checks; sources sit at the same relative place under the repo.
  const dir = path.resolve(__dirname, '..', '..', '..', 'src', 'pss', 'checks');
  const modules = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -3));
  assert.deepEqual(modules.sort(), PSS_CHECKS.map((c) => c.id).sort());
  for (const id of modules) assert.ok(fs.existsSync(path.join(dir, `${id}.test.ts`)), `${id} has no test`);
  for (const c of PSS_CHECKS)
    assert.ok(!fs.readFileSync(path.join(dir, `${c.id}.ts`), 'utf8').includes('TODO: not yet implemented'), `${c.id} is a placeholder`);
});

test('order: baseline checks by id, then restricted checks by id (upstream registry order)', () => {
  const ids = pssRegistry()
    .checksFor('restricted', 'latest')
    .map((a) => a.id);
  const baseline = ids.filter((id) => PSS_CHECKS.find((c) => c.id === id)!.level === 'baseline');
  assert.deepEqual(ids.slice(0, baseline.length), [...baseline].sort());
  assert.deepEqual(ids.slice(baseline.length), ids.slice(baseline.length).sort());
});

test('overrides replace baseline checks at restricted from their version on', () => {
  const at = (v: number) =>
    pssRegistry()
      .checksFor('restricted', v)
      .map((a) => a.id);
  assert.ok(at(21).includes('capabilities_baseline') && !at(22).includes('capabilities_baseline'));
  assert.ok(at(18).includes('seccompProfile_baseline') && !at(19).includes('seccompProfile_baseline'));
  assert.ok(!at(0).includes('hostPathVolumes'));
  assert.ok(at(34).includes('procMount') && !at(35).includes('procMount') && at(35).includes('procMount_restricted'));
  assert.ok(
    pssRegistry()
      .checksFor('baseline', 37)
      .some((a) => a.id === 'procMount'),
  );
  assert.deepEqual(pssRegistry().checksFor('privileged', 'latest'), []);
});

test('validation lists every problem at once', () => {
  const check = (id: string, level: 'baseline' | 'restricted', versions: PssCheck['versions']): PssCheck => ({
    id,
    level,
    title: id,
    description: '',
    versions,
  });
  const fn = () => ALLOWED;
  const problems = validateChecks([
    check('a', 'baseline', [
      { since: 'v1.2', check: fn },
      { since: 'v1.1', check: fn },
    ]),
    check('a', 'baseline', [{ since: 'v1.0', check: fn }]),
    check('b', 'baseline', [{ since: 'v1.0', check: fn, overrides: ['a'] }]),
    check('c', 'restricted', [{ since: 'latest', check: fn }]),
    check('d', 'restricted', []),
  ]);
  assert.equal(problems.length, 5, problems.join('\n'));
  assert.throws(() => new Registry([check('x', 'restricted', [{ since: 'v1.0', check: fn, overrides: ['nope'] }])]), /overrides unknown check nope/);
});
