import { policyCases } from '../../../test/support/policy-cases';
import { lowGroupId } from './low-group-id';

policyCases(lowGroupId, [
  { name: 'unset', spec: { containers: [{ name: 'a' }] } },
  { name: 'all 10000 and above', spec: { securityContext: { runAsGroup: 10000, fsGroup: 10001, supplementalGroups: [20000] }, containers: [{ name: 'a' }] } },
  {
    name: "GID 0 is another policy's concern",
    spec: { securityContext: { fsGroup: 0, supplementalGroups: [0] }, containers: [{ name: 'a', securityContext: { runAsGroup: 0 } }] },
  },
  {
    name: 'runAsGroup, fsGroup and a supplemental group below 10000',
    spec: { securityContext: { runAsGroup: 1000, fsGroup: 2000, supplementalGroups: [10001, 999] }, containers: [{ name: 'a' }] },
    findings: [
      { detail: 'container "a" runs with GID 1000, below 10000', fields: ['spec.securityContext.runAsGroup'], container: 'a' },
      { detail: 'pod sets fsGroup=2000, below 10000', fields: ['spec.securityContext.fsGroup'] },
      { detail: 'pod adds supplemental group 999, below 10000', fields: ['spec.securityContext.supplementalGroups[1]'] },
    ],
  },
]);
