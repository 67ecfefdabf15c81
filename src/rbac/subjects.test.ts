import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appliesToUser, impersonatedUser, splitServiceAccountUsername } from './subjects';

test('kubectl --as: service accounts get their groups, everyone but anonymous system:authenticated (impersonation.go)', () => {
  assert.deepEqual(impersonatedUser('alice', []), { name: 'alice', groups: ['system:authenticated'] });
  assert.deepEqual(impersonatedUser('system:serviceaccount:ci:deployer', []).groups, [
    'system:serviceaccounts',
    'system:serviceaccounts:ci',
    'system:authenticated',
  ]);
  assert.deepEqual(impersonatedUser('system:serviceaccount:ci:deployer', ['devs']).groups, ['devs', 'system:authenticated']);
  assert.deepEqual(impersonatedUser('bob', ['system:unauthenticated']).groups, ['system:unauthenticated']);
  assert.deepEqual(impersonatedUser('system:anonymous', []).groups, ['system:unauthenticated']);
  assert.equal(splitServiceAccountUsername('system:serviceaccount:a:b:c'), undefined);
  assert.equal(splitServiceAccountUsername('system:serviceaccount::b'), undefined);
});

test("subjects: users by name, groups by membership, service accounts by username with the binding's namespace as default (appliesToUser)", () => {
  const sa = { name: 'system:serviceaccount:ci:deployer', groups: ['system:serviceaccounts'] };
  assert.equal(appliesToUser(sa, { kind: 'ServiceAccount', name: 'deployer' }, 'ci'), true);
  assert.equal(appliesToUser(sa, { kind: 'ServiceAccount', name: 'deployer' }, 'prod'), false);
  assert.equal(appliesToUser(sa, { kind: 'ServiceAccount', name: 'deployer' }, ''), false, 'a ClusterRoleBinding subject needs a namespace');
  assert.equal(appliesToUser(sa, { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }, ''), true);
  assert.equal(appliesToUser(sa, { kind: 'Group', name: 'system:serviceaccounts' }, ''), true);
  assert.equal(appliesToUser(sa, { kind: 'User', name: 'system:serviceaccount:ci:deployer' }, ''), true);
  assert.equal(appliesToUser(sa, { kind: 'user', name: 'system:serviceaccount:ci:deployer' }, ''), false, 'kinds are case-sensitive');
});
