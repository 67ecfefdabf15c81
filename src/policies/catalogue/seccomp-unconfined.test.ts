import { policyCases } from '../../../test/support/policy-cases';
import { seccompUnconfined } from './seccomp-unconfined';

policyCases(seccompUnconfined, [
  { name: 'RuntimeDefault', spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'a' }] } },
  {
    name: 'container RuntimeDefault overrides an Unconfined pod',
    spec: {
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [{ name: 'a', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }],
    },
  },
  {
    name: 'Unconfined on the pod, inherited',
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }] },
    findings: [{ detail: 'container "a" runs with seccomp Unconfined (set on the pod)', fields: ['spec.securityContext.seccompProfile.type'], container: 'a' }],
  },
  {
    name: 'Unconfined on one container',
    spec: {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'a' }, { name: 'b', securityContext: { seccompProfile: { type: 'Unconfined' } } }],
    },
    findings: [{ detail: 'container "b" runs with seccomp Unconfined', fields: ['spec.containers[1].securityContext.seccompProfile.type'], container: 'b' }],
  },
]);
