import { policyCases } from '../../../test/support/policy-cases';
import { supplementalGroupRoot } from './supplemental-group-root';

policyCases(supplementalGroupRoot, [
  { name: 'none', spec: { containers: [{ name: 'a' }] } },
  { name: 'non-zero groups', spec: { securityContext: { supplementalGroups: [10001, 20000] }, containers: [{ name: 'a' }] } },
  {
    name: 'group 0 among others',
    spec: { securityContext: { supplementalGroups: [10001, 0] }, containers: [{ name: 'a' }] },
    findings: [{ detail: 'pod adds supplemental group 0 (root) to every container', fields: ['spec.securityContext.supplementalGroups[1]'] }],
  },
]);
