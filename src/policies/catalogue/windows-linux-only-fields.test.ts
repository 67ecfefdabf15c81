import { policyCases } from '../../../test/support/policy-cases';
import { windowsLinuxOnlyFields } from './windows-linux-only-fields';

policyCases(windowsLinuxOnlyFields, [
  { name: 'Linux pods may set them', spec: { securityContext: { runAsUser: 10001 }, containers: [{ name: 'a', securityContext: { readOnlyRootFilesystem: true } }] } },
  { name: 'a Windows pod with Windows settings', spec: { os: { name: 'windows' }, securityContext: { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerUser' } }, containers: [{ name: 'a' }] } },
  {
    name: 'spec.os.name windows: rejected',
    spec: { os: { name: 'windows' }, securityContext: { runAsUser: 1000 }, containers: [{ name: 'a', securityContext: { capabilities: { drop: ['ALL'] } } }] },
    findings: [{
      detail: 'Windows pod sets Linux-only fields spec.securityContext.runAsUser, spec.containers[0].securityContext.capabilities: the API server rejects them for a pod with spec.os.name=windows',
      fields: ['spec.securityContext.runAsUser', 'spec.containers[0].securityContext.capabilities'],
    }],
  },
  {
    name: 'Windows node selector only: ignored',
    spec: { nodeSelector: { 'kubernetes.io/os': 'windows' }, containers: [{ name: 'a', securityContext: { readOnlyRootFilesystem: true } }] },
    findings: [{ detail: 'Windows pod sets Linux-only field spec.containers[0].securityContext.readOnlyRootFilesystem: they have no effect on Windows nodes', fields: ['spec.containers[0].securityContext.readOnlyRootFilesystem'] }],
  },
]);
