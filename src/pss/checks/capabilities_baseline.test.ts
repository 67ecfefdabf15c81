import { checkCases } from '../../../test/support/check-cases';
import { capabilities_baseline } from './capabilities_baseline';

const allDefaults = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

checkCases(capabilities_baseline, [
  { name: 'no capabilities', version: 'v1.0', spec: { containers: [{ name: 'a' }, { name: 'b', securityContext: { capabilities: {} } }] } },
  {
    name: 'every default capability may be added',
    version: 'v1.0',
    spec: { containers: [{ name: 'a', securityContext: { capabilities: { add: allDefaults } } }] },
  },
  {
    name: 'dropping anything is fine',
    version: 'v1.37',
    spec: { containers: [{ name: 'a', securityContext: { capabilities: { drop: ['ALL', 'NET_RAW'] } } }] },
  },
  {
    name: 'multiple containers',
    version: 'v1.0',
    spec: {
      containers: [
        { name: 'a', securityContext: { capabilities: { add: ['FOO', 'BAR'] } } },
        { name: 'b', securityContext: { capabilities: { add: ['BAR', 'BAZ'] } } },
      ],
    },
    forbidden: {
      reason: 'non-default capabilities',
      detail: 'containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add',
      fields: ['spec.containers[0].securityContext.capabilities.add', 'spec.containers[1].securityContext.capabilities.add'],
    },
  },
  {
    name: 'NET_RAW and ALL are not in the default set; names are case-sensitive',
    version: 'v1.37',
    spec: {
      initContainers: [{ name: 'i', securityContext: { capabilities: { add: ['CHOWN', 'NET_RAW'] } } }],
      containers: [{ name: 'c', securityContext: { capabilities: { add: ['chown'] } } }],
      ephemeralContainers: [{ name: 'e', securityContext: { capabilities: { add: ['ALL'] } } }],
    },
    forbidden: {
      reason: 'non-default capabilities',
      detail: 'containers "i", "c", "e" must not include "ALL", "NET_RAW", "chown" in securityContext.capabilities.add',
      fields: [
        'spec.initContainers[0].securityContext.capabilities.add',
        'spec.containers[0].securityContext.capabilities.add',
        'spec.ephemeralContainers[0].securityContext.capabilities.add',
      ],
    },
  },
  {
    name: 'a user-namespaced pod (hostUsers: false) gets no relaxation here',
    version: 'v1.37',
    spec: { hostUsers: false, containers: [{ name: 'a', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }] },
    forbidden: {
      reason: 'non-default capabilities',
      detail: 'container "a" must not include "SYS_ADMIN" in securityContext.capabilities.add',
      fields: ['spec.containers[0].securityContext.capabilities.add'],
    },
  },
  {
    name: 'capabilities sort by code point, as Go sorts strings',
    version: 'v1.37',
    spec: { containers: [{ name: 'a', securityContext: { capabilities: { add: ['\u{1F600}', '\uFF21', 'B'] } } }] },
    forbidden: {
      reason: 'non-default capabilities',
      detail: 'container "a" must not include "B", "\uFF21", "\u{1F600}" in securityContext.capabilities.add',
    },
  },
]);
