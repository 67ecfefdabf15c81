import { policyCases } from '../../../test/support/policy-cases';
import { windowsLinuxOnlyFields } from './windows-linux-only-fields';

policyCases(windowsLinuxOnlyFields, [
  {
    name: 'Linux pods may set them',
    spec: { securityContext: { runAsUser: 10001 }, containers: [{ name: 'a', securityContext: { readOnlyRootFilesystem: true } }] },
  },
  {
    name: 'a Windows pod with Windows settings',
    spec: { os: { name: 'windows' }, securityContext: { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerUser' } }, containers: [{ name: 'a' }] },
  },
  {
    name: 'spec.os.name windows: rejected',
    spec: { os: { name: 'windows' }, securityContext: { runAsUser: 1000 }, containers: [{ name: 'a', securityContext: { capabilities: { drop: ['ALL'] } } }] },
    findings: [
      {
        detail:
          'Windows pod sets Linux-only fields spec.securityContext.runAsUser, spec.containers[0].securityContext.capabilities: the API server rejects them for a pod with spec.os.name=windows',
        fields: ['spec.securityContext.runAsUser', 'spec.containers[0].securityContext.capabilities'],
      },
    ],
  },
  {
    // Pod Security Admission judges such a pod as a Linux pod (spec.os.name alone decides), and so
    // does podguard: its Linux hardening is kept, never stripped (issue 11, item 8).
    name: 'Windows node selector only: a Linux pod as far as PSA is concerned',
    spec: { nodeSelector: { 'kubernetes.io/os': 'windows' }, containers: [{ name: 'a', securityContext: { readOnlyRootFilesystem: true } }] },
  },
]);
