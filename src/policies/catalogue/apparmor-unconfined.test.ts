import { policyCases } from '../../../test/support/policy-cases';
import { apparmorUnconfined } from './apparmor-unconfined';

policyCases(apparmorUnconfined, [
  { name: 'unset', spec: { containers: [{ name: 'a' }] } },
  {
    name: 'RuntimeDefault annotation',
    meta: { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'runtime/default' } },
    spec: { containers: [{ name: 'a' }] },
  },
  {
    name: 'pod field inherited, container override wins for the second',
    spec: {
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
      containers: [{ name: 'a' }, { name: 'b', securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }],
    },
    findings: [
      { detail: 'container "a" runs with AppArmor Unconfined (set on the pod)', fields: ['spec.securityContext.appArmorProfile.type'], container: 'a' },
    ],
  },
  {
    name: 'the deprecated annotation',
    meta: { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' } },
    spec: { containers: [{ name: 'a' }] },
    findings: [
      {
        detail: 'container "a" runs with AppArmor unconfined (annotation)',
        fields: ['metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]'],
        container: 'a',
      },
    ],
  },
]);
