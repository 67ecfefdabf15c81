// Fix for the hardening policy unsafe-sysctls: the same change as the sysctls check's fix.

import { deriveFix } from '../engine/fix';
import { sysctls } from './sysctls';

export const unsafeSysctls = deriveFix(sysctls, 'unsafe-sysctls');
