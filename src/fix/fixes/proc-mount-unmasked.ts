// Fix for the hardening policy proc-mount-unmasked: the same change as the procMount check's fix.

import { deriveFix } from '../engine/fix';
import { procMount } from './procMount';

export const procMountUnmasked = deriveFix(procMount, 'proc-mount-unmasked');
