import { checkCases } from '../../../test/support/check-cases';
import { privileged } from './privileged';

checkCases(privileged, [
  { name: 'unset and false are allowed', version: 'v1.0', spec: { containers: [{ name: 'a' }, { name: 'b', securityContext: { privileged: false } }] } },
  {
    name: 'one privileged container',
    version: 'v1.0',
    spec: { containers: [{ name: 'a', securityContext: { privileged: true } }] },
    forbidden: {
      reason: 'privileged',
      detail: 'container "a" must not set securityContext.privileged=true',
      fields: ['spec.containers[0].securityContext.privileged'],
    },
  },
  {
    name: 'init, regular and ephemeral containers, in upstream order',
    version: 'v1.37',
    spec: {
      ephemeralContainers: [{ name: 'e', securityContext: { privileged: true } }],
      containers: [{ name: 'c', securityContext: { privileged: true } }, { name: 'ok' }],
      initContainers: [{ name: 'i', securityContext: { privileged: true } }],
    },
    forbidden: {
      reason: 'privileged',
      detail: 'containers "i", "c", "e" must not set securityContext.privileged=true',
      fields: [
        'spec.initContainers[0].securityContext.privileged',
        'spec.containers[0].securityContext.privileged',
        'spec.ephemeralContainers[0].securityContext.privileged',
      ],
    },
  },
]);
