import { policyCases } from '../../../test/support/policy-cases';
import { privilegedPortWithoutCapability } from './privileged-port-without-capability';

const hardened = { runAsNonRoot: true, capabilities: { drop: ['ALL'] } };

policyCases(privilegedPortWithoutCapability, [
  { name: 'port 8080', spec: { containers: [{ name: 'a', ports: [{ containerPort: 8080 }], securityContext: hardened }] } },
  {
    name: 'NET_BIND_SERVICE added back',
    spec: {
      containers: [{ name: 'a', ports: [{ containerPort: 80 }], securityContext: { ...hardened, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }],
    },
  },
  {
    name: 'root keeps the ability (other policies apply)',
    spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }], securityContext: { capabilities: { drop: ['ALL'] } } }] },
  },
  {
    name: 'the unprivileged-port sysctl lowered',
    spec: {
      securityContext: { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] },
      containers: [{ name: 'a', ports: [{ containerPort: 80 }], securityContext: hardened }],
    },
  },
  {
    name: 'non-root, drops ALL, port 80 (UID from the pod)',
    spec: {
      securityContext: { runAsUser: 10001 },
      containers: [{ name: 'web', ports: [{ containerPort: 9090 }, { containerPort: 80 }], securityContext: { capabilities: { drop: ['ALL'] } } }],
    },
    findings: [
      {
        detail: 'container "web" runs as non-root without NET_BIND_SERVICE but declares port 80: binding it will fail',
        fields: ['spec.containers[0].ports[1].containerPort', 'spec.containers[0].securityContext.capabilities'],
        container: 'web',
      },
    ],
  },
  {
    name: 'sysctl lowered, but not enough',
    spec: {
      securityContext: { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '500' }] },
      containers: [{ name: 'a', ports: [{ containerPort: 443 }], securityContext: hardened }],
    },
    findings: [
      {
        detail: 'container "a" runs as non-root without NET_BIND_SERVICE but declares port 443: binding it will fail',
        fields: ['spec.containers[0].ports[0].containerPort', 'spec.containers[0].securityContext.capabilities'],
        container: 'a',
      },
    ],
  },
]);
