import { policyCases } from '../../../test/support/policy-cases';
import { fsGroupRoot } from './fs-group-root';

policyCases(fsGroupRoot, [
  { name: 'unset', spec: { containers: [{ name: 'a' }] } },
  { name: 'non-zero', spec: { securityContext: { fsGroup: 10001 }, containers: [{ name: 'a' }] } },
  {
    name: 'fsGroup 0',
    spec: { securityContext: { fsGroup: 0 }, containers: [{ name: 'a' }] },
    findings: [{ detail: 'pod sets fsGroup=0, giving every container and volume the root group', fields: ['spec.securityContext.fsGroup'] }],
  },
]);
