import { policyCases } from '../../../test/support/policy-cases';
import { privilegedContainer } from './privileged-container';

policyCases(privilegedContainer, [
  { name: 'unset and false', spec: { containers: [{ name: 'a' }, { name: 'b', securityContext: { privileged: false } }] } },
  {
    name: 'init and ephemeral containers count, one finding each',
    spec: {
      initContainers: [{ name: 'i', securityContext: { privileged: true } }],
      containers: [{ name: 'a' }],
      ephemeralContainers: [{ name: 'e', securityContext: { privileged: true } }],
    },
    findings: [
      { detail: 'container "i" is privileged', fields: ['spec.initContainers[0].securityContext.privileged'], container: 'i' },
      { detail: 'container "e" is privileged', fields: ['spec.ephemeralContainers[0].securityContext.privileged'], container: 'e' },
    ],
  },
]);
