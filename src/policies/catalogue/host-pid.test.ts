import { policyCases } from '../../../test/support/policy-cases';
import { hostPid } from './host-pid';

policyCases(hostPid, [
  { name: 'unset', spec: { containers: [{ name: 'a' }] } },
  { name: 'false', spec: { hostPID: false, containers: [{ name: 'a' }] } },
  { name: 'a string is not true', spec: { hostPID: 'true' as unknown as boolean, containers: [{ name: 'a' }] } },
  { name: 'true', spec: { hostPID: true, containers: [{ name: 'a' }] }, findings: [{ detail: 'pod sets hostPID=true', fields: ['spec.hostPID'] }] },
]);
