import { policyCases } from '../../../test/support/policy-cases';
import { netRawKept } from './net-raw-kept';

policyCases(netRawKept, [
  { name: 'drops ALL', spec: { containers: [{ name: 'a', securityContext: { capabilities: { drop: ['ALL'] } } }] } },
  { name: 'drops NET_RAW', spec: { containers: [{ name: 'a', securityContext: { capabilities: { drop: ['NET_RAW'] } } }] } },
  {
    name: 'nothing dropped',
    spec: { containers: [{ name: 'a' }] },
    findings: [{ detail: 'container "a" does not drop NET_RAW (or ALL)', fields: ['spec.containers[0].securityContext.capabilities.drop'], container: 'a' }],
  },
  {
    name: 'drops ALL but adds NET_RAW back',
    spec: { containers: [{ name: 'a', securityContext: { capabilities: { drop: ['ALL'], add: ['NET_RAW'] } } }] },
    findings: [{ detail: 'container "a" adds NET_RAW', fields: ['spec.containers[0].securityContext.capabilities.add'], container: 'a' }],
  },
]);
