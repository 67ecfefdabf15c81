import { policyCases } from '../../../test/support/policy-cases';
import { runAsNonRootUnset } from './run-as-non-root-unset';

policyCases(runAsNonRootUnset, [
  { name: 'pod sets runAsNonRoot=true', spec: { securityContext: { runAsNonRoot: true }, containers: [{ name: 'a' }] } },
  { name: 'a non-zero runAsUser is enough', spec: { containers: [{ name: 'a', securityContext: { runAsUser: 10001 } }] } },
  { name: 'Windows pods are out of scope', spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] } },
  {
    name: 'nothing set: the pod-level field is where to add it',
    spec: { containers: [{ name: 'a' }] },
    findings: [
      {
        detail: 'container "a" does not set runAsNonRoot=true and has no non-zero runAsUser, so it runs as the image\'s user, often root',
        fields: ['spec.securityContext.runAsNonRoot'],
        container: 'a',
      },
    ],
  },
  {
    name: 'a container override of false wins over the pod (kubelet resolution); init containers count',
    spec: { securityContext: { runAsNonRoot: true }, initContainers: [{ name: 'i', securityContext: { runAsNonRoot: false } }], containers: [{ name: 'a' }] },
    findings: [
      {
        detail: 'container "i" does not set runAsNonRoot=true and has no non-zero runAsUser, so it runs as the image\'s user, often root',
        fields: ['spec.initContainers[0].securityContext.runAsNonRoot'],
        container: 'i',
      },
    ],
  },
  {
    name: 'pod sets false: the pod field is named',
    spec: { securityContext: { runAsNonRoot: false }, ephemeralContainers: [{ name: 'e' }] },
    findings: [
      {
        detail: 'container "e" does not set runAsNonRoot=true and has no non-zero runAsUser, so it runs as the image\'s user, often root',
        fields: ['spec.securityContext.runAsNonRoot'],
        container: 'e',
      },
    ],
  },
]);
