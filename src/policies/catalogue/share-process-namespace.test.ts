import { policyCases } from '../../../test/support/policy-cases';
import { shareProcessNamespace } from './share-process-namespace';

policyCases(shareProcessNamespace, [
  { name: 'unset', spec: { containers: [{ name: 'a' }] } },
  {
    name: 'true',
    spec: { shareProcessNamespace: true, containers: [{ name: 'a' }] },
    findings: [{ detail: 'pod sets shareProcessNamespace=true', fields: ['spec.shareProcessNamespace'] }],
  },
]);
