import { checkCases } from '../../../test/support/check-cases';
import type { Container } from '../../k8s/types';
import { seLinuxOptions } from './seLinuxOptions';

const MSG = 'set forbidden securityContext.seLinuxOptions:';
const withType = (name: string, type: string): Container => ({ name, securityContext: { seLinuxOptions: { type } } });
const allowedContainers = [withType('a', 'container_t'), withType('b', 'container_init_t'), withType('c', 'container_kvm_t')];

checkCases(seLinuxOptions, [
  {
    name: 'unset and empty',
    version: 'v1.0',
    spec: { securityContext: { seLinuxOptions: {} }, containers: [{ name: 'a' }, { name: 'b', securityContext: { seLinuxOptions: {} } }] },
  },
  {
    name: 'allowed types, and level may be anything',
    version: 'v1.0',
    spec: { securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c1,c2' } }, containers: allowedContainers },
  },
  { name: 'empty user and role are unset', version: 'v1.0', spec: { securityContext: { seLinuxOptions: { user: '', role: '', type: '' } } } },
  {
    name: 'container_engine_t is not allowed before v1.31',
    version: 'v1.30',
    spec: { containers: [withType('engine', 'container_engine_t')] },
    forbidden: {
      reason: 'seLinuxOptions',
      detail: `container "engine" ${MSG} type "container_engine_t"`,
      fields: ['spec.containers[0].securityContext.seLinuxOptions.type'],
    },
  },
  {
    name: 'container_engine_t is allowed from v1.31',
    version: 'v1.31',
    spec: { securityContext: { seLinuxOptions: { type: 'container_engine_t' } }, containers: [withType('engine', 'container_engine_t')] },
  },
  {
    name: 'bad pod and containers: types sorted and deduplicated, then user and role',
    version: 'v1.31',
    spec: {
      securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } },
      containers: [
        ...allowedContainers,
        withType('d', 'container_engine_t'),
        withType('e', 'bar'),
        withType('e2', 'foo'),
        { name: 'f', securityContext: { seLinuxOptions: { user: 'bar' } } },
        { name: 'g', securityContext: { seLinuxOptions: { role: 'baz' } } },
      ],
    },
    forbidden: {
      reason: 'seLinuxOptions',
      detail: `pod and containers "e", "e2", "f", "g" ${MSG} types "bar", "foo"; user may not be set; role may not be set`,
      fields: [
        'spec.securityContext.seLinuxOptions.type',
        'spec.securityContext.seLinuxOptions.user',
        'spec.securityContext.seLinuxOptions.role',
        'spec.containers[4].securityContext.seLinuxOptions.type',
        'spec.containers[5].securityContext.seLinuxOptions.type',
        'spec.containers[6].securityContext.seLinuxOptions.user',
        'spec.containers[7].securityContext.seLinuxOptions.role',
      ],
    },
  },
  {
    name: 'bad pod only',
    version: 'v1.31',
    spec: { securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } }, containers: allowedContainers },
    forbidden: {
      reason: 'seLinuxOptions',
      detail: `pod ${MSG} type "foo"; user may not be set; role may not be set`,
      fields: ['spec.securityContext.seLinuxOptions.type', 'spec.securityContext.seLinuxOptions.user', 'spec.securityContext.seLinuxOptions.role'],
    },
  },
  {
    name: 'bad containers only',
    version: 'v1.31',
    spec: {
      securityContext: { seLinuxOptions: {} },
      containers: [
        ...allowedContainers,
        withType('e', 'bar'),
        { name: 'f', securityContext: { seLinuxOptions: { user: 'bar' } } },
        { name: 'g', securityContext: { seLinuxOptions: { role: 'baz' } } },
      ],
    },
    forbidden: {
      reason: 'seLinuxOptions',
      detail: `containers "e", "f", "g" ${MSG} type "bar"; user may not be set; role may not be set`,
      fields: [
        'spec.containers[3].securityContext.seLinuxOptions.type',
        'spec.containers[4].securityContext.seLinuxOptions.user',
        'spec.containers[5].securityContext.seLinuxOptions.role',
      ],
    },
  },
  {
    name: 'bad type',
    version: 'v1.0',
    spec: { securityContext: { seLinuxOptions: { type: 'spc_t' } } },
    forbidden: { reason: 'seLinuxOptions', detail: `pod ${MSG} type "spc_t"`, fields: ['spec.securityContext.seLinuxOptions.type'] },
  },
  {
    name: 'user alone',
    version: 'v1.0',
    spec: { securityContext: { seLinuxOptions: { user: 'system_u' } } },
    forbidden: { reason: 'seLinuxOptions', detail: `pod ${MSG} user may not be set`, fields: ['spec.securityContext.seLinuxOptions.user'] },
  },
  {
    name: 'role alone',
    version: 'v1.37',
    spec: { securityContext: { seLinuxOptions: { role: 'object_r' } } },
    forbidden: { reason: 'seLinuxOptions', detail: `pod ${MSG} role may not be set`, fields: ['spec.securityContext.seLinuxOptions.role'] },
  },
  {
    name: 'init and ephemeral containers, in upstream order',
    version: 'v1.37',
    spec: {
      ephemeralContainers: [withType('debug', 'spc_t')],
      containers: [{ name: 'app' }],
      initContainers: [withType('init', 'unconfined_t')],
    },
    forbidden: {
      reason: 'seLinuxOptions',
      detail: `containers "init", "debug" ${MSG} types "spc_t", "unconfined_t"`,
      fields: ['spec.initContainers[0].securityContext.seLinuxOptions.type', 'spec.ephemeralContainers[0].securityContext.seLinuxOptions.type'],
    },
  },
]);
