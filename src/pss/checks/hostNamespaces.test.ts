import { checkCases } from '../../../test/support/check-cases';
import { hostNamespaces } from './hostNamespaces';

checkCases(hostNamespaces, [
  { name: 'unset is allowed', version: 'v1.0', spec: { containers: [{ name: 'a' }] } },
  { name: 'false is allowed', version: 'v1.37', spec: { hostNetwork: false, hostPID: false, hostIPC: false } },
  { name: 'mistyped values are not true', version: 'v1.37', spec: { hostNetwork: 'true' as unknown as boolean } },
  {
    name: 'multiple host namespaces, in upstream order',
    version: 'v1.0',
    spec: { hostIPC: true, hostPID: true, hostNetwork: true },
    forbidden: {
      reason: 'host namespaces',
      detail: 'hostNetwork=true, hostPID=true, hostIPC=true',
      fields: ['spec.hostNetwork', 'spec.hostPID', 'spec.hostIPC'],
    },
  },
  {
    name: 'hostPID alone',
    version: 'v1.37',
    spec: { hostNetwork: false, hostPID: true },
    forbidden: { reason: 'host namespaces', detail: 'hostPID=true', fields: ['spec.hostPID'] },
  },
  {
    name: 'hostIPC alone',
    version: 'v1.37',
    spec: { hostIPC: true },
    forbidden: { reason: 'host namespaces', detail: 'hostIPC=true', fields: ['spec.hostIPC'] },
  },
]);
