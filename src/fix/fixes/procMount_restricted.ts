// Fix for the Pod Security Standards check procMount_restricted (restricted).

import { defineFix } from '../engine/fix';
import { DEFAULT_PROC_MOUNT, defaultProcMount } from './shared/proc-mount';

export const procMount_restricted = defineFix({
  id: 'procMount_restricted',
  summary: 'Set procMount back to Default (restricted requires it even in a user namespace).',
  remedies: { 'default-proc-mount': DEFAULT_PROC_MOUNT },
  plan: defaultProcMount,
});
