// procMount_restricted, in CEL: src/pss/checks/procMount_restricted.ts (the baseline check's v1.0 rule).
import type { CelCheck } from '../generator';
import { PROC_MOUNT_1_0 } from './procMount';

export const procMount_restricted: CelCheck = {
  id: 'procMount_restricted',
  versions: [{ since: 'v1.35', violation: PROC_MOUNT_1_0 }],
};
