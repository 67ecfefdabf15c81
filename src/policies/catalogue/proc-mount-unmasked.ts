/*
procMount: Unmasked exposes /proc paths the runtime normally masks or makes read-only.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { containerSecurityContext } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const procMountUnmasked: PodPolicy = {
  id: 'proc-mount-unmasked',
  title: 'Unmasked /proc',
  severity: 'high',
  category: 'isolation',
  preset: 'recommended',
  rationale:
    'Runtimes mask /proc/kcore, /proc/sysrq-trigger, /proc/keys, /proc/timer_list and make /proc/sys read-only. Unmasked ' +
    'removes that: the container can read kernel memory, trigger sysrq on the node and change kernel settings. It is meant ' +
    'only for nested containers with user namespaces. Reported at every level, including privileged.',
  remediation: 'Remove procMount: Unmasked (Default applies).',
  references: [REF.pss, REF.linuxKernelSecurity],
  coveredBy: ['procMount', 'procMount_restricted'],
  check: perContainer(
    (c) => containerSecurityContext(c)?.procMount === 'Unmasked',
    (_c, path, _spec, name) => ({ detail: `${containerLabel(name)} sets procMount=Unmasked`, fields: [`${path}.securityContext.procMount`] }),
  ),
};
