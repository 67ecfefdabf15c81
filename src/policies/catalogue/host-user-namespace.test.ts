import { policyCases } from '../../../test/support/policy-cases';
import { hostUserNamespace } from './host-user-namespace';

policyCases(hostUserNamespace, [
  { name: 'hostUsers false', spec: { hostUsers: false, containers: [{ name: 'a' }] } },
  { name: 'Windows pods have no user namespaces', spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] } },
  {
    name: 'unset',
    spec: { containers: [{ name: 'a' }] },
    findings: [{ detail: "pod does not set hostUsers=false, so its users are the node's users", fields: ['spec.hostUsers'] }],
  },
]);
