import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCases, versionedAt } from '../../../test/support/check-cases';
import { capabilities_restricted } from './capabilities_restricted';

const multiple = {
  containers: [
    { name: 'a', securityContext: { capabilities: { add: ['FOO', 'BAR'] } } },
    { name: 'b', securityContext: { capabilities: { add: ['BAR', 'BAZ'] } } },
    { name: 'c', securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'], drop: ['ALL', 'FOO'] } } },
  ],
};
const multipleForbidden = {
  reason: 'unrestricted capabilities',
  detail:
    'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; ' +
    'containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add',
  fields: [
    'spec.containers[0].securityContext.capabilities.drop',
    'spec.containers[1].securityContext.capabilities.drop',
    'spec.containers[0].securityContext.capabilities.add',
    'spec.containers[1].securityContext.capabilities.add',
    'spec.containers[2].securityContext.capabilities.add',
  ],
};
const unsetOnWindows = { os: { name: 'windows' }, containers: [{ name: 'a' }] };
const missingDrop = (name: string, path: string) => ({
  reason: 'unrestricted capabilities',
  detail: `container "${name}" must set securityContext.capabilities.drop=["ALL"]`,
  fields: [`${path}.securityContext.capabilities.drop`],
});

checkCases(capabilities_restricted, [
  {
    name: 'drop ALL and add only NET_BIND_SERVICE is allowed',
    version: 'v1.22',
    spec: {
      initContainers: [{ name: 'i', securityContext: { capabilities: { drop: ['ALL'] } } }],
      containers: [{ name: 'c', securityContext: { capabilities: { drop: ['NET_RAW', 'ALL'], add: ['NET_BIND_SERVICE'] } } }],
    },
  },
  { name: 'multiple containers', version: 'v1.22', spec: multiple, forbidden: multipleForbidden },
  { name: 'multiple containers', version: 'v1.25', spec: multiple, forbidden: multipleForbidden },
  { name: 'before v1.25 a Windows pod is checked like any other', version: 'v1.24', spec: unsetOnWindows, forbidden: missingDrop('a', 'spec.containers[0]') },
  { name: 'windows pod, admit without checking capabilities', version: 'v1.25', spec: unsetOnWindows },
  { name: 'windows pod, still admitted at latest', version: 'v1.37', spec: unsetOnWindows },
  {
    name: 'linux pod, reject if security context is not set',
    version: 'v1.25',
    spec: { os: { name: 'linux' }, containers: [{ name: 'a' }] },
    forbidden: missingDrop('a', 'spec.containers[0]'),
  },
  {
    name: 'an empty capabilities object drops nothing',
    version: 'v1.37',
    spec: { containers: [{ name: 'a', securityContext: { capabilities: {} } }] },
    forbidden: missingDrop('a', 'spec.containers[0]'),
  },
  {
    name: 'drop is case-sensitive',
    version: 'v1.37',
    spec: { ephemeralContainers: [{ name: 'e', securityContext: { capabilities: { drop: ['all'] } } }] },
    forbidden: missingDrop('e', 'spec.ephemeralContainers[0]'),
  },
  {
    name: 'only a forbidden add, on an init container',
    version: 'v1.37',
    spec: {
      initContainers: [{ name: 'i', securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'SYS_ADMIN', 'SYS_ADMIN'] } } }],
      containers: [{ name: 'c', securityContext: { capabilities: { drop: ['ALL'] } } }],
    },
    forbidden: {
      reason: 'unrestricted capabilities',
      detail: 'container "i" must not include "SYS_ADMIN" in securityContext.capabilities.add',
      fields: ['spec.initContainers[0].securityContext.capabilities.add'],
    },
  },
]);

test('capabilities_restricted starts at v1.22 and replaces capabilities_baseline in every version', () => {
  assert.equal(versionedAt(capabilities_restricted, 'v1.21'), undefined);
  for (const v of capabilities_restricted.versions) assert.deepEqual(v.overrides, ['capabilities_baseline'], v.since);
});
