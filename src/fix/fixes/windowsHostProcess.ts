// Fix for the Pod Security Standards check windowsHostProcess (baseline).

import { defineFix } from '../engine/fix';
import { setEachField } from './shared/each-field';

export const windowsHostProcess = defineFix({
  id: 'windowsHostProcess',
  summary: 'Turn Windows HostProcess containers off.',
  remedies: {
    'no-host-process': {
      safe: false,
      change: 'changes windowsOptions.hostProcess: true to false, at the pod or container level',
      rationale:
        'The containers run isolated instead of as processes on the Windows node: node management (installing ' +
        'drivers, configuring networking or storage on the host) no longer works. HostProcess pods also need ' +
        'hostNetwork, which the hostNamespaces fix turns off.',
      verify: 'Check that the workload does not manage the node itself; run it in a test namespace on a Windows node.',
    },
  },
  plan: setEachField('no-host-process', false),
});
