/*
A Windows HostProcess container runs directly on the node, as a node account, with access to
the node's filesystem, network and processes.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { effectiveWindowsOption, effectiveWindowsOptionPath } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const windowsHostProcess: PodPolicy = {
  id: 'windows-host-process',
  title: 'Windows HostProcess container',
  severity: 'critical',
  category: 'windows',
  preset: 'recommended',
  rationale:
    "hostProcess: true runs the container as a process on the Windows node, not in an isolated container: it sees the node's " +
    'filesystem, network and processes and can run as NT AUTHORITY\\SYSTEM. It is the Windows equivalent of a privileged pod ' +
    'with host namespaces. Reported at every level, including privileged.',
  remediation: 'Remove windowsOptions.hostProcess: true; run node management as a node-level service or give it a dedicated, excepted namespace.',
  references: [REF.windowsHostProcess, REF.pss],
  coveredBy: ['windowsHostProcess'],
  check: perContainer(
    (c, spec) => effectiveWindowsOption(spec, c, 'hostProcess') === true,
    (c, path, spec, name) => ({
      detail: `${containerLabel(name)} is a Windows HostProcess container`,
      fields: [effectiveWindowsOptionPath(spec, c, path, 'hostProcess')],
    }),
  ),
};
