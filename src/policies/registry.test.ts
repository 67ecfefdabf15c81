import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_POLICIES } from './catalogue';
import { PASS, type ObjectPolicy } from './policy';
import { builtinPolicies, PolicyRegistry } from './registry';

const custom: ObjectPolicy = {
  id: 'service-external-ips',
  title: 'Service sets externalIPs',
  severity: 'high',
  category: 'isolation',
  preset: 'recommended',
  rationale: 'r',
  remediation: 'm',
  references: [],
  target: 'object',
  kinds: ['Service'],
  checkObject: () => PASS,
};

test('the built-in registry holds the catalogue in its order and knows every check id', () => {
  const reg = builtinPolicies();
  assert.deepEqual(
    reg.policies.map((p) => p.id),
    BUILTIN_POLICIES.map((p) => p.id),
  );
  assert.equal(reg.knownCheckIds().size, 19 + BUILTIN_POLICIES.length);
  assert.ok(reg.knownCheckIds().has('privileged') && reg.knownCheckIds().has('run-as-root-user'));
  assert.equal(builtinPolicies(), reg, 'made once');
});

test('an added policy is known, chosen by presets and leaves the original registry alone', () => {
  const reg = builtinPolicies().with([custom]);
  assert.equal(reg.get('service-external-ips'), custom);
  assert.ok(reg.knownCheckIds().has('service-external-ips'));
  assert.ok(!builtinPolicies().knownCheckIds().has('service-external-ips'));
  assert.ok(reg.forPreset('recommended').includes(custom));
  assert.ok(!reg.forPreset('pss').includes(custom));
  assert.ok(!reg.forPreset('recommended', { exclude: ['service-external-ips'] }).includes(custom));
  assert.equal(reg.forPreset('strict'), reg.forPreset('strict'), 'equal inputs share one array');
});

test('every problem of a registry is listed at once', () => {
  assert.throws(
    () => new PolicyRegistry([custom, custom, { ...custom, id: 'privileged' }, { ...custom, id: 'Bad_Id' }, { ...custom, id: 'no-kinds', kinds: [] }]),
    (e: Error) =>
      e.message.includes('service-external-ips: registered twice') &&
      e.message.includes('privileged: the id of a Pod Security Standards check') &&
      e.message.includes('"Bad_Id": a policy id is kebab-case') &&
      e.message.includes('no-kinds: an object policy names at least one kind'),
  );
});
