import { policyCases } from '../../../test/support/policy-cases';
import { windowsHostProcess } from './windows-host-process';

policyCases(windowsHostProcess, [
  { name: 'unset', spec: { os: { name: 'windows' }, containers: [{ name: 'a' }] } },
  {
    name: 'container overrides the pod with false',
    spec: {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [{ name: 'a', securityContext: { windowsOptions: { hostProcess: false } } }],
    },
  },
  {
    name: 'inherited from the pod',
    spec: { securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ name: 'a' }] },
    findings: [{ detail: 'container "a" is a Windows HostProcess container', fields: ['spec.securityContext.windowsOptions.hostProcess'], container: 'a' }],
  },
]);
