// Fix for the hardening policy seccomp-unconfined: the same change as the seccompProfile_baseline check's fix.

import { deriveFix } from '../engine/fix';
import { seccompProfile_baseline } from './seccompProfile_baseline';

export const seccompUnconfined = deriveFix(seccompProfile_baseline, 'seccomp-unconfined');
