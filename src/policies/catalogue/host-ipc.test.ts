import { policyCases } from '../../../test/support/policy-cases';
import { hostIpc } from './host-ipc';

policyCases(hostIpc, [
  { name: 'unset', spec: { containers: [{ name: 'a' }] } },
  { name: 'false', spec: { hostIPC: false, containers: [{ name: 'a' }] } },
  { name: 'a string is not true', spec: { hostIPC: 'true' as unknown as boolean, containers: [{ name: 'a' }] } },
  { name: 'true', spec: { hostIPC: true, containers: [{ name: 'a' }] }, findings: [{ detail: 'pod sets hostIPC=true', fields: ['spec.hostIPC'] }] },
]);
