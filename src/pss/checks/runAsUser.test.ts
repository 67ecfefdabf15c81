import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCases, versionedAt } from '../../../test/support/check-cases';
import { runAsUser } from './runAsUser';

test('runAsUser has no behaviour before v1.23', () => {
  assert.equal(versionedAt(runAsUser, 'v1.22'), undefined);
});

checkCases(runAsUser, [
  { name: 'pod runAsUser unset', version: 'v1.23', spec: { securityContext: {}, containers: [{ name: 'app' }] } },
  {
    name: 'pod and containers non-zero',
    version: 'v1.23',
    spec: { securityContext: { runAsUser: 1000 }, containers: [{ name: 'app', securityContext: { runAsUser: 7 } }] },
  },
  { name: 'a mistyped "0" is not the number 0', version: 'v1.23', spec: { securityContext: { runAsUser: '0' as unknown as number } } },
  {
    name: 'pod runAsUser=0',
    version: 'v1.23',
    spec: { securityContext: { runAsUser: 0 }, containers: [{ name: 'app' }] },
    forbidden: { reason: 'runAsUser=0', detail: 'pod must not set runAsUser=0', fields: ['spec.securityContext.runAsUser'] },
  },
  {
    name: 'two containers runAsUser=0 among unset, empty and non-zero ones',
    version: 'v1.23',
    spec: {
      securityContext: { runAsUser: 1000 },
      containers: [
        { name: 'p' },
        { name: 'q', securityContext: {} },
        { name: 'r', securityContext: { runAsUser: 0 } },
        { name: 's', securityContext: { runAsUser: 0 } },
        { name: 't', securityContext: { runAsUser: 2 } },
      ],
    },
    forbidden: {
      reason: 'runAsUser=0',
      detail: 'containers "r", "s" must not set runAsUser=0',
      fields: ['spec.containers[2].securityContext.runAsUser', 'spec.containers[3].securityContext.runAsUser'],
    },
  },
  {
    name: 'pod and one container, init and ephemeral containers in upstream order',
    version: 'v1.30',
    spec: {
      securityContext: { runAsUser: 0 },
      ephemeralContainers: [{ name: 'debug', securityContext: { runAsUser: 0 } }],
      containers: [{ name: 'app', securityContext: { runAsUser: 0 } }],
      initContainers: [{ name: 'setup', securityContext: { runAsUser: 0 } }],
    },
    forbidden: {
      reason: 'runAsUser=0',
      detail: 'pod and containers "setup", "app", "debug" must not set runAsUser=0',
      fields: [
        'spec.securityContext.runAsUser',
        'spec.initContainers[0].securityContext.runAsUser',
        'spec.containers[0].securityContext.runAsUser',
        'spec.ephemeralContainers[0].securityContext.runAsUser',
      ],
    },
  },
  {
    name: 'a single container is named in the singular',
    version: 'v1.37',
    spec: { containers: [{ name: 'app', securityContext: { runAsUser: 0 } }] },
    forbidden: { reason: 'runAsUser=0', detail: 'container "app" must not set runAsUser=0', fields: ['spec.containers[0].securityContext.runAsUser'] },
  },
  {
    name: 'before v1.35 hostUsers=false does not relax the check',
    version: 'v1.34',
    spec: { hostUsers: false, securityContext: { runAsUser: 0 }, containers: [{ name: 'app' }] },
    forbidden: { reason: 'runAsUser=0', detail: 'pod must not set runAsUser=0', fields: ['spec.securityContext.runAsUser'] },
  },
  { name: 'hostUsers=false alone', version: 'v1.35', spec: { hostUsers: false } },
  {
    name: 'hostUsers=false admits runAsUser=0 (user namespaces)',
    version: 'v1.35',
    spec: { hostUsers: false, securityContext: { runAsUser: 0 }, containers: [{ name: 'app', securityContext: { runAsUser: 0 } }] },
  },
  {
    name: 'hostUsers=true is still checked',
    version: 'v1.35',
    spec: { hostUsers: true, securityContext: { runAsUser: 0 }, containers: [{ name: 'app' }] },
    forbidden: { reason: 'runAsUser=0', detail: 'pod must not set runAsUser=0', fields: ['spec.securityContext.runAsUser'] },
  },
  {
    name: 'hostUsers unset is still checked',
    version: 'v1.37',
    spec: { containers: [{ name: 'app', securityContext: { runAsUser: 0 } }] },
    forbidden: { reason: 'runAsUser=0', detail: 'container "app" must not set runAsUser=0', fields: ['spec.containers[0].securityContext.runAsUser'] },
  },
  {
    name: 'a mistyped hostUsers "false" does not relax the check',
    version: 'v1.37',
    spec: { hostUsers: 'false' as unknown as boolean, securityContext: { runAsUser: 0 } },
    forbidden: { reason: 'runAsUser=0', detail: 'pod must not set runAsUser=0', fields: ['spec.securityContext.runAsUser'] },
  },
]);
