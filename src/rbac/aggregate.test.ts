import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateClusterRoles } from './aggregate';
import type { LabelSelector, PolicyRule, RbacRole } from './model';

const rule = (verb: string, resource: string): PolicyRule => ({
  verbs: [verb],
  apiGroups: [''],
  resources: [resource],
  resourceNames: [],
  nonResourceURLs: [],
});
const sel = (matchLabels: Record<string, string>): LabelSelector => ({ matchLabels, matchExpressions: [] });
const role = (name: string, labels: Record<string, string>, rules: PolicyRule[], selectors?: LabelSelector[]): RbacRole => ({
  kind: 'ClusterRole',
  name,
  labels,
  rules,
  ...(selectors ? { aggregationRule: { clusterRoleSelectors: selectors } } : {}),
  source: { file: 'f', line: 1 },
});

test("an aggregated role takes the selected roles' rules, by selector then name, without duplicates, replacing its own", () => {
  const rules = aggregateClusterRoles([
    role('z-part', { agg: 'yes' }, [rule('get', 'pods'), rule('list', 'pods')]),
    role('a-part', { agg: 'yes' }, [rule('get', 'secrets'), rule('get', 'pods')]),
    role('other', { agg: 'no' }, [rule('*', '*')]),
    role('combined', { agg: 'yes' }, [rule('delete', 'nodes')], [sel({ agg: 'yes' })]),
  ]);
  assert.deepEqual(rules.get('combined'), [rule('get', 'secrets'), rule('get', 'pods'), rule('list', 'pods')]);
  assert.deepEqual(rules.get('other'), [rule('*', '*')]);
});

test('aggregated roles that select aggregated roles settle; an aggregationRule without selectors empties the role', () => {
  const rules = aggregateClusterRoles([
    role('top', {}, [], [sel({ level: 'mid' })]),
    role('mid', { level: 'mid' }, [], [sel({ level: 'leaf' })]),
    role('leaf', { level: 'leaf' }, [rule('get', 'pods')]),
    role('empty', {}, [rule('get', 'nodes')], []),
    role('loop-a', { loop: 'x' }, [rule('get', 'a')], [sel({ loop: 'y' })]),
    role('loop-b', { loop: 'y' }, [rule('get', 'b')], [sel({ loop: 'x' })]),
  ]);
  assert.deepEqual(rules.get('top'), [rule('get', 'pods')]);
  assert.deepEqual(rules.get('mid'), [rule('get', 'pods')]);
  assert.deepEqual(rules.get('empty'), []);
  // Stored rules of aggregated roles never count: a pure cycle stays empty.
  assert.deepEqual(rules.get('loop-a'), []);
});
