import { policyCases } from '../../../test/support/policy-cases';
import { windowsContainerAdministrator } from './windows-container-administrator';

policyCases(windowsContainerAdministrator, [
  {
    name: 'ContainerUser',
    spec: { os: { name: 'windows' }, securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } }, containers: [{ name: 'a' }] },
  },
  {
    name: 'container sets only hostProcess: runAsUserName still comes from the pod (field by field)',
    spec: {
      os: { name: 'windows' },
      securityContext: { windowsOptions: { runAsUserName: 'ContainerAdministrator' } },
      containers: [{ name: 'a', securityContext: { windowsOptions: { gmsaCredentialSpecName: 'x' } } }],
    },
    findings: [{ detail: 'container "a" runs as ContainerAdministrator', fields: ['spec.securityContext.windowsOptions.runAsUserName'], container: 'a' }],
  },
  {
    name: 'set on the container, any case',
    spec: { os: { name: 'windows' }, containers: [{ name: 'a', securityContext: { windowsOptions: { runAsUserName: 'containeradministrator' } } }] },
    findings: [
      { detail: 'container "a" runs as ContainerAdministrator', fields: ['spec.containers[0].securityContext.windowsOptions.runAsUserName'], container: 'a' },
    ],
  },
]);
