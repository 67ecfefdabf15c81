// Fix for the Pod Security Standards check procMount (baseline).

import { defineFix } from '../engine/fix';
import { DEFAULT_PROC_MOUNT, defaultProcMount } from './shared/proc-mount';

export const procMount = defineFix({
  id: 'procMount',
  summary: 'Set procMount back to Default.',
  remedies: { 'default-proc-mount': DEFAULT_PROC_MOUNT },
  plan: defaultProcMount,
});
