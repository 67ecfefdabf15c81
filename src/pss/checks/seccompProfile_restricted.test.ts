import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCases, versionedAt } from '../../../test/support/check-cases';
import type { Container } from '../../k8s/types';
import { seccompProfile_restricted } from './seccompProfile_restricted';

const withType = (name: string, type: string): Container => ({ name, securityContext: { seccompProfile: { type } } });
const POD = 'spec.securityContext.seccompProfile.type';
const MUST_SET = 'must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"';

test('seccompProfile_restricted starts at v1.19 and replaces seccompProfile_baseline in every version', () => {
  assert.equal(versionedAt(seccompProfile_restricted, 'v1.18'), undefined);
  for (const v of seccompProfile_restricted.versions) assert.deepEqual(v.overrides, ['seccompProfile_baseline']);
});

checkCases(seccompProfile_restricted, [
  {
    name: 'pod RuntimeDefault covers containers',
    version: 'v1.19',
    spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'a' }, { name: 'b', securityContext: {} }] },
  },
  {
    name: 'pod Localhost with a container override',
    version: 'v1.19',
    spec: { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }, containers: [withType('a', 'RuntimeDefault')] },
  },
  {
    name: 'every container sets its own',
    version: 'v1.19',
    spec: { initContainers: [withType('i', 'Localhost')], containers: [withType('a', 'RuntimeDefault')] },
  },
  {
    name: 'nothing set',
    version: 'v1.19',
    spec: { containers: [{ name: 'a' }] },
    forbidden: {
      reason: 'seccompProfile',
      detail: `pod or container "a" ${MUST_SET}`,
      fields: [POD, 'spec.containers[0].securityContext.seccompProfile.type'],
    },
  },
  {
    name: 'pod Unconfined',
    version: 'v1.19',
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }] },
    forbidden: {
      reason: 'seccompProfile',
      detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"',
      fields: ['spec.securityContext.seccompProfile.type'],
    },
  },
  {
    name: 'two containers Unconfined under a valid pod profile',
    version: 'v1.19',
    spec: {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        withType('c', 'Unconfined'),
        withType('d', 'Unconfined'),
        withType('e', 'RuntimeDefault'),
      ],
    },
    forbidden: {
      reason: 'seccompProfile',
      detail: 'containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"',
      fields: ['spec.containers[2].securityContext.seccompProfile.type', 'spec.containers[3].securityContext.seccompProfile.type'],
    },
  },
  {
    name: 'no pod profile: containers without one fall through',
    version: 'v1.19',
    spec: { containers: [{ name: 'a' }, { name: 'b', securityContext: {} }, withType('d', 'RuntimeDefault'), withType('e', 'RuntimeDefault')] },
    forbidden: {
      reason: 'seccompProfile',
      detail: `pod or containers "a", "b" ${MUST_SET}`,
      fields: [POD, 'spec.containers[0].securityContext.seccompProfile.type', 'spec.containers[1].securityContext.seccompProfile.type'],
    },
  },
  {
    name: 'explicit bad values are reported before missing ones',
    version: 'v1.25',
    spec: {
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [{ name: 'a' }, withType('b', 'Unconfined')],
      ephemeralContainers: [withType('x', 'Weird')],
    },
    forbidden: {
      reason: 'seccompProfile',
      detail: 'pod and containers "b", "x" must not set securityContext.seccompProfile.type to "Unconfined", "Weird"',
      fields: [
        'spec.securityContext.seccompProfile.type',
        'spec.containers[1].securityContext.seccompProfile.type',
        'spec.ephemeralContainers[0].securityContext.seccompProfile.type',
      ],
    },
  },
  {
    name: 'Windows pods are not exempt before v1.25',
    version: 'v1.24',
    spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] },
    forbidden: {
      reason: 'seccompProfile',
      detail: `pod or container "a" ${MUST_SET}`,
      fields: [POD, 'spec.containers[0].securityContext.seccompProfile.type'],
    },
  },
  { name: 'Windows pods are exempt from v1.25', version: 'v1.25', spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] } },
  {
    name: 'Linux pods are still checked',
    version: 'v1.25',
    spec: { os: { name: 'linux' }, containers: [{ name: 'a' }] },
    forbidden: {
      reason: 'seccompProfile',
      detail: `pod or container "a" ${MUST_SET}`,
      fields: [POD, 'spec.containers[0].securityContext.seccompProfile.type'],
    },
  },
  {
    name: 'a pod without os is still checked at the latest version',
    version: 'v1.37',
    spec: { initContainers: [{ name: 'i' }], containers: [withType('a', 'RuntimeDefault')] },
    forbidden: {
      reason: 'seccompProfile',
      detail: `pod or container "i" ${MUST_SET}`,
      fields: [POD, 'spec.initContainers[0].securityContext.seccompProfile.type'],
    },
  },
]);
