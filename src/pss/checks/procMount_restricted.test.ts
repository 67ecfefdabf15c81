import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCases, versionedAt } from '../../../test/support/check-cases';
import type { PodSpec } from '../../k8s/types';
import { procMount_restricted } from './procMount_restricted';

test('procMount_restricted: new in v1.35, where it replaces procMount at the restricted level', () => {
  assert.equal(versionedAt(procMount_restricted, 'v1.34'), undefined);
  assert.deepEqual(versionedAt(procMount_restricted, 'v1.35')?.overrides, ['procMount']);
  assert.deepEqual(versionedAt(procMount_restricted, 'v1.37')?.overrides, ['procMount']);
});

/** Upstream's table: a and b unset, c Default, d and e forbidden. */
function pod(hostUsers: boolean): PodSpec {
  return {
    hostUsers,
    containers: [
      { name: 'a' },
      { name: 'b', securityContext: {} },
      { name: 'c', securityContext: { procMount: 'Default' } },
      { name: 'd', securityContext: { procMount: 'Unmasked' } },
      { name: 'e', securityContext: { procMount: 'other' } },
    ],
  };
}

const FORBIDDEN = {
  reason: 'procMount',
  detail: 'containers "d", "e" must not set securityContext.procMount to "Unmasked", "other"',
  fields: ['spec.containers[3].securityContext.procMount', 'spec.containers[4].securityContext.procMount'],
};

checkCases(procMount_restricted, [
  {
    name: 'unset and Default are allowed, in a user namespace or not',
    version: 'v1.35',
    spec: { hostUsers: false, containers: [{ name: 'a' }], initContainers: [{ name: 'i', securityContext: { procMount: 'Default' } }] },
  },
  { name: 'hostUsers=true', version: 'v1.35', spec: pod(true), forbidden: FORBIDDEN },
  { name: 'hostUsers=false does not relax the restricted check', version: 'v1.35', spec: pod(false), forbidden: FORBIDDEN },
  { name: 'hostUsers=false at the newest version', version: 'v1.37', spec: pod(false), forbidden: FORBIDDEN },
  {
    name: 'an init container in a user namespace',
    version: 'v1.37',
    spec: { hostUsers: false, containers: [{ name: 'c' }], initContainers: [{ name: 'i', securityContext: { procMount: 'Unmasked' } }] },
    forbidden: {
      reason: 'procMount',
      detail: 'container "i" must not set securityContext.procMount to "Unmasked"',
      fields: ['spec.initContainers[0].securityContext.procMount'],
    },
  },
]);
