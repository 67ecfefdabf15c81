import { policyCases } from '../../../test/support/policy-cases';
import { capabilitiesNotDropped } from './capabilities-not-dropped';

policyCases(capabilitiesNotDropped, [
  { name: 'drops ALL', spec: { containers: [{ name: 'a', securityContext: { capabilities: { drop: ['ALL'] } } }] } },
  { name: 'drops CAP_ALL spelling', spec: { containers: [{ name: 'a', securityContext: { capabilities: { drop: ['CAP_ALL'] } } }] } },
  {
    name: 'drops only some',
    spec: { containers: [{ name: 'a', securityContext: { capabilities: { drop: ['NET_RAW'] } } }] },
    findings: [{ detail: 'container "a" does not drop ALL capabilities', fields: ['spec.containers[0].securityContext.capabilities.drop'], container: 'a' }],
  },
  {
    name: 'no securityContext on an init container',
    spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a', securityContext: { capabilities: { drop: ['ALL'] } } }] },
    findings: [
      { detail: 'container "i" does not drop ALL capabilities', fields: ['spec.initContainers[0].securityContext.capabilities.drop'], container: 'i' },
    ],
  },
]);
