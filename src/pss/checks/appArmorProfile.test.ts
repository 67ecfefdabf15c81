import { checkCases } from '../../../test/support/check-cases';
import { appArmorProfile } from './appArmorProfile';

const P = 'container.apparmor.security.beta.kubernetes.io/';

checkCases(appArmorProfile, [
  {
    name: 'container with default AppArmor + extra annotations',
    version: 'v1.0',
    meta: { annotations: { [`${P}test`]: 'runtime/default', env: 'prod' } },
    spec: {},
  },
  {
    name: 'container with local AppArmor + extra annotations',
    version: 'v1.0',
    meta: { annotations: { [`${P}test`]: 'localhost/sec-profile01', env: 'dev' } },
    spec: {},
  },
  { name: 'container with no AppArmor annotations', version: 'v1.0', meta: { annotations: { env: 'dev' } }, spec: {} },
  { name: 'container with no annotations', version: 'v1.0', meta: {}, spec: {} },
  { name: 'pod with runtime default', version: 'v1.0', spec: { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } } },
  {
    name: 'container with runtime default profile',
    version: 'v1.0',
    spec: { containers: [{ name: 'foo', securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }] },
  },
  {
    name: 'localhost profiles in fields are allowed',
    version: 'v1.37',
    spec: {
      securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } },
      ephemeralContainers: [{ name: 'e', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'q' } } }],
    },
  },
  {
    name: 'the annotation prefix must match exactly',
    version: 'v1.37',
    meta: {
      annotations: { 'container.apparmor.security.beta.kubernetes.io': 'unconfined', 'x/container.apparmor.security.beta.kubernetes.io/a': 'unconfined' },
    },
    spec: {},
  },
  {
    name: 'unconfined pod',
    version: 'v1.0',
    spec: { securityContext: { appArmorProfile: { type: 'Unconfined' } } },
    forbidden: {
      reason: 'forbidden AppArmor profile',
      detail: 'pod must not set AppArmor profile type to "Unconfined"',
      fields: ['spec.securityContext.appArmorProfile.type'],
    },
  },
  {
    name: 'unconfined container',
    version: 'v1.0',
    spec: {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'foo', securityContext: { appArmorProfile: { type: 'Unconfined' } } }],
    },
    forbidden: {
      reason: 'forbidden AppArmor profile',
      detail: 'container "foo" must not set AppArmor profile type to "Unconfined"',
      fields: ['spec.containers[0].securityContext.appArmorProfile.type'],
    },
  },
  {
    name: 'unconfined init container',
    version: 'v1.0',
    spec: {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'foo' }],
      initContainers: [{ name: 'bar', securityContext: { appArmorProfile: { type: 'Unconfined' } } }],
    },
    forbidden: {
      reason: 'forbidden AppArmor profile',
      detail: 'container "bar" must not set AppArmor profile type to "Unconfined"',
      fields: ['spec.initContainers[0].securityContext.appArmorProfile.type'],
    },
  },
  {
    name: 'multiple annotations',
    version: 'v1.0',
    meta: {
      annotations: {
        [`${P}`]: 'bogus',
        [`${P}a`]: '',
        [`${P}b`]: 'runtime/default',
        [`${P}c`]: 'localhost/',
        [`${P}d`]: 'localhost/foo',
        [`${P}f`]: 'unknown',
        [`${P}e`]: 'unconfined',
      },
    },
    spec: {},
    forbidden: {
      reason: 'forbidden AppArmor profiles',
      detail: `annotations must not set AppArmor profile type to "${P}="bogus"", "${P}e="unconfined"", "${P}f="unknown""`,
      fields: [`metadata.annotations["${P}"]`, `metadata.annotations["${P}e"]`, `metadata.annotations["${P}f"]`],
    },
  },
  {
    name: 'pod, containers and an annotation together; a repeated type counts once',
    version: 'v1.37',
    meta: { annotations: { [`${P}c`]: 'unconfined' } },
    spec: {
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
      containers: [
        { name: 'c', securityContext: { appArmorProfile: { type: 'Unconfined' } } },
        { name: 'd', securityContext: { appArmorProfile: { type: 'Custom' } } },
      ],
    },
    forbidden: {
      reason: 'forbidden AppArmor profiles',
      detail: `pod and containers "c", "d" and annotation must not set AppArmor profile type to "Custom", "Unconfined", "${P}c="unconfined""`,
      fields: [
        'spec.securityContext.appArmorProfile.type',
        'spec.containers[0].securityContext.appArmorProfile.type',
        'spec.containers[1].securityContext.appArmorProfile.type',
        `metadata.annotations["${P}c"]`,
      ],
    },
  },
  {
    name: 'a profile without a type is forbidden, as upstream reads the empty type',
    version: 'v1.37',
    spec: { containers: [{ name: 'a', securityContext: { appArmorProfile: {} } }] },
    forbidden: {
      reason: 'forbidden AppArmor profile',
      detail: 'container "a" must not set AppArmor profile type to ""',
      fields: ['spec.containers[0].securityContext.appArmorProfile.type'],
    },
  },
  { name: 'appArmorProfile: null reads as unset', version: 'v1.37', spec: { securityContext: { appArmorProfile: null as never } } },
  {
    name: 'annotation values are quoted as Go %q does',
    version: 'v1.37',
    meta: { annotations: { [`${P}x`]: 'un"con\tfined' } },
    spec: {},
    forbidden: {
      reason: 'forbidden AppArmor profile',
      detail: `annotation must not set AppArmor profile type to "${P}x="un\\"con\\tfined""`,
      fields: [`metadata.annotations["${P}x"]`],
    },
  },
  {
    name: 'non-printable runes in annotation values are escaped as Go %q does',
    version: 'v1.37',
    meta: { annotations: { [`${P}x`]: 'a\x7fb\u2028c\u00a0' } },
    spec: {},
    forbidden: {
      reason: 'forbidden AppArmor profile',
      detail: `annotation must not set AppArmor profile type to "${P}x="a\\x7fb\\u2028c\\u00a0""`,
      fields: [`metadata.annotations["${P}x"]`],
    },
  },
]);
