import { policyCases } from '../../../test/support/policy-cases';
import { hostNetwork } from './host-network';

policyCases(hostNetwork, [
  { name: 'unset', spec: { containers: [{ name: 'a' }] } },
  { name: 'false', spec: { hostNetwork: false, containers: [{ name: 'a' }] } },
  { name: 'a string is not true', spec: { hostNetwork: 'true' as unknown as boolean, containers: [{ name: 'a' }] } },
  { name: 'true', spec: { hostNetwork: true, containers: [{ name: 'a' }] }, findings: [{ detail: 'pod sets hostNetwork=true', fields: ['spec.hostNetwork'] }] },
]);
