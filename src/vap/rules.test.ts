import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guessResource } from './resources';
import { ruleMatches, rulesMatch, type RequestAttributes } from './rules';

const POD: RequestAttributes = { operation: 'CREATE', group: '', version: 'v1', resource: 'pods', subresource: '', namespace: 'ns', name: 'p' };

test('resources: "*" is every resource but no subresource, "*/*" everything, "pods/*" pods and its subresources', () => {
  const rule = (resources: string[]) => ({ operations: ['*'], apiGroups: [''], apiVersions: ['v1'], resources });
  const ephemeral = { ...POD, operation: 'UPDATE' as const, subresource: 'ephemeralcontainers' };
  assert.equal(ruleMatches(rule(['*']), POD), true);
  assert.equal(ruleMatches(rule(['*']), ephemeral), false);
  assert.equal(ruleMatches(rule(['*/*']), ephemeral), true);
  assert.equal(ruleMatches(rule(['pods/*']), ephemeral), true);
  assert.equal(ruleMatches(rule(['pods/*']), POD), true, 'the subresource wildcard also matches none');
  assert.equal(ruleMatches(rule(['*/ephemeralcontainers']), ephemeral), true);
  assert.equal(ruleMatches(rule(['pods']), ephemeral), false);
});

test('scope, operations, resourceNames and matchPolicy', () => {
  const base = { operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['*'] };
  const namespace: RequestAttributes = { ...POD, resource: 'namespaces', namespace: 'team', name: 'team' };
  assert.equal(ruleMatches({ ...base, scope: 'Namespaced' }, POD), true);
  assert.equal(ruleMatches({ ...base, scope: 'Namespaced' }, namespace), false, 'a Namespace is cluster-scoped though its request names it');
  assert.equal(ruleMatches({ ...base, scope: 'Cluster' }, namespace), true);
  assert.equal(ruleMatches({ ...base, operations: ['UPDATE'] }, POD), false);
  assert.equal(ruleMatches({ ...base, resourceNames: ['q'] }, POD), false);
  const v2 = { ...base, apiVersions: ['v2'] };
  assert.equal(rulesMatch([v2], 'Exact', POD), false);
  assert.equal(rulesMatch([v2], 'Equivalent', POD), true);
});

test('kinds to resources as the REST mapper guesses them', () => {
  assert.deepEqual(['Pod', 'Ingress', 'NetworkPolicy', 'Gateway', 'Endpoints'].map(guessResource), [
    'pods',
    'ingresses',
    'networkpolicies',
    'gateways',
    'endpoints',
  ]);
});
