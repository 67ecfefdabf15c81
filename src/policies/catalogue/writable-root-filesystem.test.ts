import { policyCases } from '../../../test/support/policy-cases';
import { writableRootFilesystem } from './writable-root-filesystem';

policyCases(writableRootFilesystem, [
  { name: 'read-only', spec: { containers: [{ name: 'a', securityContext: { readOnlyRootFilesystem: true } }] } },
  { name: 'Windows pods cannot set it', spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] } },
  {
    name: 'unset',
    spec: { containers: [{ name: 'a' }] },
    findings: [
      {
        detail: 'container "a" does not set readOnlyRootFilesystem=true',
        fields: ['spec.containers[0].securityContext.readOnlyRootFilesystem'],
        container: 'a',
      },
    ],
  },
]);
