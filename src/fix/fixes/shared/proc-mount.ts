// Setting procMount back to Default, shared by the procMount and procMount_restricted fixes.

import type { Remedy } from '../../engine/fix';
import { setEachField } from './each-field';

export const DEFAULT_PROC_MOUNT: Remedy = {
  safe: false,
  change: 'changes securityContext.procMount to Default',
  rationale:
    'The container gets the masked, partly read-only /proc every container normally has; nested container ' +
    'runtimes and sandboxes (rootless BuildKit, Sysbox) that need to mount their own /proc fail to start.',
  verify: 'Run the workload in a test namespace: builds or nested containers fail at start-up if they needed an unmasked /proc.',
};

export const defaultProcMount = setEachField('default-proc-mount', 'Default');
