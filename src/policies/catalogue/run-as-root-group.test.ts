import { policyCases } from '../../../test/support/policy-cases';
import { runAsRootGroup } from './run-as-root-group';

policyCases(runAsRootGroup, [
  { name: 'unset', spec: { containers: [{ name: 'a' }] } },
  { name: 'container overrides the pod', spec: { securityContext: { runAsGroup: 0 }, containers: [{ name: 'a', securityContext: { runAsGroup: 10001 } }] } },
  {
    name: 'inherited from the pod',
    spec: { securityContext: { runAsGroup: 0 }, containers: [{ name: 'a' }] },
    findings: [{ detail: 'container "a" runs with GID 0 (root group)', fields: ['spec.securityContext.runAsGroup'], container: 'a' }],
  },
  {
    name: 'set on an init container',
    spec: { initContainers: [{ name: 'i', securityContext: { runAsGroup: 0 } }], containers: [{ name: 'a' }] },
    findings: [{ detail: 'container "i" runs with GID 0 (root group)', fields: ['spec.initContainers[0].securityContext.runAsGroup'], container: 'i' }],
  },
]);
