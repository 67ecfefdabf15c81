import { policyCases } from '../../../test/support/policy-cases';
import { selinuxPrivilegedType } from './selinux-privileged-type';

policyCases(selinuxPrivilegedType, [
  { name: 'container_t', spec: { securityContext: { seLinuxOptions: { type: 'container_t' } }, containers: [{ name: 'a' }] } },
  {
    name: 'container overrides spc_t on the pod',
    spec: { securityContext: { seLinuxOptions: { type: 'spc_t' } }, containers: [{ name: 'a', securityContext: { seLinuxOptions: { level: 's0:c1,c2' } } }] },
  },
  {
    name: 'spc_t from the pod',
    spec: { securityContext: { seLinuxOptions: { type: 'spc_t' } }, containers: [{ name: 'a' }] },
    findings: [
      { detail: 'container "a" runs with SELinux type "spc_t" (set on the pod)', fields: ['spec.securityContext.seLinuxOptions.type'], container: 'a' },
    ],
  },
  {
    name: 'unconfined_t on a container',
    spec: { containers: [{ name: 'a', securityContext: { seLinuxOptions: { type: 'unconfined_t' } } }] },
    findings: [
      { detail: 'container "a" runs with SELinux type "unconfined_t"', fields: ['spec.containers[0].securityContext.seLinuxOptions.type'], container: 'a' },
    ],
  },
]);
