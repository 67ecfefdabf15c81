import { policyCases } from '../../../test/support/policy-cases';
import { unsafeSysctls } from './unsafe-sysctls';

policyCases(unsafeSysctls, [
  { name: 'none', spec: { containers: [{ name: 'a' }] } },
  {
    name: 'safe ones, slash notation too',
    spec: {
      securityContext: {
        sysctls: [
          { name: 'net.ipv4.tcp_syncookies', value: '1' },
          { name: 'net/ipv4/ip_local_port_range', value: '1024 65535' },
        ],
      },
      containers: [{ name: 'a' }],
    },
  },
  {
    name: 'kernel.core_pattern and an unnamed entry',
    spec: {
      securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'kernel.core_pattern', value: '|/x' }, { value: '1' }] },
      containers: [{ name: 'a' }],
    },
    findings: [
      { detail: 'pod sets unsafe sysctl "kernel.core_pattern"', fields: ['spec.securityContext.sysctls[1].name'] },
      { detail: 'pod sets unsafe sysctl ""', fields: ['spec.securityContext.sysctls[2].name'] },
    ],
  },
]);
