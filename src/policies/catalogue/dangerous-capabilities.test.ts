import { policyCases } from '../../../test/support/policy-cases';
import { dangerousCapabilities } from './dangerous-capabilities';

policyCases(dangerousCapabilities, [
  {
    name: 'default capabilities added are not dangerous here',
    spec: { containers: [{ name: 'a', securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'] } } }] },
  },
  { name: 'dropping SYS_ADMIN is fine', spec: { containers: [{ name: 'a', securityContext: { capabilities: { drop: ['SYS_ADMIN'] } } }] } },
  {
    name: 'SYS_ADMIN and CAP_NET_ADMIN, in catalogue order',
    spec: { containers: [{ name: 'a', securityContext: { capabilities: { add: ['CAP_NET_ADMIN', 'SYS_ADMIN'] } } }] },
    findings: [
      {
        detail:
          'container "a" adds SYS_ADMIN (mount, namespaces, BPF and much more: the usual container escape), NET_ADMIN (reconfiguring interfaces, routes and firewall rules)',
        fields: ['spec.containers[0].securityContext.capabilities.add'],
        container: 'a',
      },
    ],
  },
  {
    name: 'ALL on an ephemeral container, lower case',
    spec: { containers: [{ name: 'a' }], ephemeralContainers: [{ name: 'dbg', securityContext: { capabilities: { add: ['all'] } } }] },
    findings: [
      { detail: 'container "dbg" adds ALL (every capability)', fields: ['spec.ephemeralContainers[0].securityContext.capabilities.add'], container: 'dbg' },
    ],
  },
]);
