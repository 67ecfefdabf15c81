import { policyCases } from '../../../test/support/policy-cases';
import { serviceAccountTokenMounted } from './service-account-token-mounted';

policyCases(serviceAccountTokenMounted, [
  { name: 'opted out', spec: { automountServiceAccountToken: false, containers: [{ name: 'a' }] } },
  {
    name: 'unset',
    spec: { containers: [{ name: 'a' }] },
    findings: [
      { detail: 'pod does not set automountServiceAccountToken=false, so every container gets an API token', fields: ['spec.automountServiceAccountToken'] },
    ],
  },
]);
