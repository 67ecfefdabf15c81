import { policyCases } from '../../../test/support/policy-cases';
import { procMountUnmasked } from './proc-mount-unmasked';

policyCases(procMountUnmasked, [
  { name: 'Default', spec: { containers: [{ name: 'a', securityContext: { procMount: 'Default' } }] } },
  {
    name: 'Unmasked',
    spec: { containers: [{ name: 'a', securityContext: { procMount: 'Unmasked' } }] },
    findings: [{ detail: 'container "a" sets procMount=Unmasked', fields: ['spec.containers[0].securityContext.procMount'], container: 'a' }],
  },
]);
