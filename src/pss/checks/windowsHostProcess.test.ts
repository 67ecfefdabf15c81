import { checkCases } from '../../../test/support/check-cases';
import { windowsHostProcess } from './windowsHostProcess';

checkCases(windowsHostProcess, [
  {
    name: 'unset, empty and false are allowed',
    version: 'v1.0',
    spec: {
      securityContext: { windowsOptions: { hostProcess: false } },
      containers: [{ name: 'a' }, { name: 'b', securityContext: {} }, { name: 'c', securityContext: { windowsOptions: {} } }],
    },
  },
  { name: 'a mistyped "true" is not true', version: 'v1.0', spec: { securityContext: { windowsOptions: { hostProcess: 'true' as unknown as boolean } } } },
  {
    name: 'pod only',
    version: 'v1.0',
    spec: { securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ name: 'a' }] },
    forbidden: {
      reason: 'hostProcess',
      detail: 'pod must not set securityContext.windowsOptions.hostProcess=true',
      fields: ['spec.securityContext.windowsOptions.hostProcess'],
    },
  },
  {
    name: 'pod and two of several containers',
    version: 'v1.0',
    spec: {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [
        { name: 'p' },
        { name: 'q', securityContext: {} },
        { name: 'r', securityContext: { windowsOptions: {} } },
        { name: 's', securityContext: { windowsOptions: { hostProcess: false } } },
        { name: 't', securityContext: { windowsOptions: { hostProcess: true } } },
        { name: 'u', securityContext: { windowsOptions: { hostProcess: true } } },
      ],
    },
    forbidden: {
      reason: 'hostProcess',
      detail: 'pod and containers "t", "u" must not set securityContext.windowsOptions.hostProcess=true',
      fields: [
        'spec.securityContext.windowsOptions.hostProcess',
        'spec.containers[4].securityContext.windowsOptions.hostProcess',
        'spec.containers[5].securityContext.windowsOptions.hostProcess',
      ],
    },
  },
  {
    name: 'one init container, at the latest version',
    version: 'v1.37',
    spec: { initContainers: [{ name: 'init', securityContext: { windowsOptions: { hostProcess: true } } }], containers: [{ name: 'a' }] },
    forbidden: {
      reason: 'hostProcess',
      detail: 'container "init" must not set securityContext.windowsOptions.hostProcess=true',
      fields: ['spec.initContainers[0].securityContext.windowsOptions.hostProcess'],
    },
  },
]);
