import { policyCases } from '../../../test/support/policy-cases';
import { runAsNonRootConflict } from './run-as-non-root-conflict';

policyCases(runAsNonRootConflict, [
  { name: 'non-root with a UID', spec: { securityContext: { runAsNonRoot: true, runAsUser: 10001 }, containers: [{ name: 'a' }] } },
  {
    name: "container overrides the pod's UID 0",
    spec: { securityContext: { runAsNonRoot: true, runAsUser: 0 }, containers: [{ name: 'a', securityContext: { runAsUser: 10001 } }] },
  },
  {
    name: 'runAsNonRoot on the pod, UID 0 on the container',
    spec: { securityContext: { runAsNonRoot: true }, containers: [{ name: 'a', securityContext: { runAsUser: 0 } }] },
    findings: [
      {
        detail: 'container "a" sets runAsNonRoot=true but runs as UID 0: the kubelet will refuse to start it',
        fields: ['spec.securityContext.runAsNonRoot', 'spec.containers[0].securityContext.runAsUser'],
        container: 'a',
      },
    ],
  },
]);
