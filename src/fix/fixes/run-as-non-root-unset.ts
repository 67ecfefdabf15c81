// Fix for the hardening policy run-as-non-root-unset: the same change as the runAsNonRoot check's fix.

import { deriveFix } from '../engine/fix';
import { runAsNonRoot } from './runAsNonRoot';

export const runAsNonRootUnset = deriveFix(runAsNonRoot, 'run-as-non-root-unset');
