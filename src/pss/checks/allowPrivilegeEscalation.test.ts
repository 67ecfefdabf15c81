import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCases, versionedAt } from '../../../test/support/check-cases';
import { allowPrivilegeEscalation } from './allowPrivilegeEscalation';

const mixed = {
  containers: [
    { name: 'a' },
    { name: 'b', securityContext: {} },
    { name: 'c', securityContext: { allowPrivilegeEscalation: true } },
    { name: 'd', securityContext: { allowPrivilegeEscalation: false } },
  ],
};
const mixedForbidden = {
  reason: 'allowPrivilegeEscalation != false',
  detail: 'containers "a", "b", "c" must set securityContext.allowPrivilegeEscalation=false',
  fields: [
    'spec.containers[0].securityContext.allowPrivilegeEscalation',
    'spec.containers[1].securityContext.allowPrivilegeEscalation',
    'spec.containers[2].securityContext.allowPrivilegeEscalation',
  ],
};
const unsetOnWindows = { os: { name: 'windows' }, containers: [{ name: 'a' }] };

checkCases(allowPrivilegeEscalation, [
  {
    name: 'explicit false everywhere is allowed',
    version: 'v1.8',
    spec: { containers: [{ name: 'a', securityContext: { allowPrivilegeEscalation: false } }] },
  },
  { name: 'a pod without containers is allowed', version: 'v1.37', spec: {} },
  { name: 'multiple containers: unset, empty context and true are forbidden', version: 'v1.8', spec: mixed, forbidden: mixedForbidden },
  { name: 'multiple containers', version: 'v1.25', spec: mixed, forbidden: mixedForbidden },
  {
    name: 'before v1.25 a Windows pod is checked like any other',
    version: 'v1.24',
    spec: unsetOnWindows,
    forbidden: {
      reason: 'allowPrivilegeEscalation != false',
      detail: 'container "a" must set securityContext.allowPrivilegeEscalation=false',
      fields: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
    },
  },
  { name: 'windows pod, admit without checking privilegeEscalation', version: 'v1.25', spec: unsetOnWindows },
  { name: 'windows pod, still admitted at latest', version: 'v1.37', spec: unsetOnWindows },
  {
    name: 'linux pod, reject if security context is not set',
    version: 'v1.25',
    spec: { os: { name: 'linux' }, containers: [{ name: 'a' }] },
    forbidden: {
      reason: 'allowPrivilegeEscalation != false',
      detail: 'container "a" must set securityContext.allowPrivilegeEscalation=false',
      fields: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
    },
  },
  {
    name: 'init, regular and ephemeral containers in upstream order; mistyped values are not false',
    version: 'v1.37',
    spec: {
      ephemeralContainers: [{ name: 'e', securityContext: { allowPrivilegeEscalation: 'false' as unknown as boolean } }],
      containers: [
        { name: 'ok', securityContext: { allowPrivilegeEscalation: false } },
        { name: 'c', securityContext: null as never },
      ],
      initContainers: [{ name: 'i' }],
    },
    forbidden: {
      reason: 'allowPrivilegeEscalation != false',
      detail: 'containers "i", "c", "e" must set securityContext.allowPrivilegeEscalation=false',
      fields: [
        'spec.initContainers[0].securityContext.allowPrivilegeEscalation',
        'spec.containers[1].securityContext.allowPrivilegeEscalation',
        'spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation',
      ],
    },
  },
]);

test('allowPrivilegeEscalation has no behaviour before v1.8, when the field appeared', () => {
  assert.equal(versionedAt(allowPrivilegeEscalation, 'v1.7'), undefined);
});
