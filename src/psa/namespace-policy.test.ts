import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePolicyVersion, policyToEvaluate, type NamespacePolicy } from './namespace-policy';

const P = (level: 'privileged' | 'baseline' | 'restricted', version = 'latest') => ({ level, version });
const DEFAULTS: NamespacePolicy = { enforce: P('baseline', 'v1.30'), audit: P('privileged'), warn: P('restricted') };
const L = 'pod-security.kubernetes.io/';

test('labels override the defaults mode by mode; no labels means the defaults', () => {
  assert.deepEqual(policyToEvaluate(undefined, DEFAULTS), { policy: DEFAULTS, errors: [] });
  assert.deepEqual(policyToEvaluate({ other: 'x' }, DEFAULTS), { policy: DEFAULTS, errors: [] });
  const r = policyToEvaluate({ [`${L}enforce`]: 'restricted', [`${L}audit-version`]: 'v1.25' }, DEFAULTS);
  assert.deepEqual(r.policy, { enforce: P('restricted', 'v1.30'), audit: P('privileged', 'v1.25'), warn: P('restricted') });
});

test('unparseable values: enforce falls back to restricted, audit and warn to privileged, versions to latest', () => {
  const r = policyToEvaluate({ [`${L}enforce`]: 'Baseline', [`${L}audit`]: 'x', [`${L}warn`]: '', [`${L}warn-version`]: 'v1.05' }, DEFAULTS);
  assert.deepEqual(r.policy, { enforce: P('restricted', 'v1.30'), audit: P('privileged'), warn: P('privileged', 'latest') });
  assert.deepEqual(
    r.errors.map((e) => e.field),
    [`metadata.labels[${L}enforce]`, `metadata.labels[${L}audit]`, `metadata.labels[${L}warn]`, `metadata.labels[${L}warn-version]`],
  );
});

test('versions: latest or v1.N without leading zeros (upstream ParseVersion)', () => {
  for (const ok of ['latest', 'v1.0', 'v1.9', 'v1.25', 'v1.999', 'v1.9223372036854775807']) assert.equal(parsePolicyVersion(ok), ok, ok);
  for (const bad of ['Latest', 'v1', 'v1.', 'v1.01', 'v2.0', '1.25', 'v1.25.0', ' v1.25', 'v1.9223372036854775808'])
    assert.equal(parsePolicyVersion(bad), undefined, bad);
});
