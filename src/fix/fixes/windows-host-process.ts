// Fix for the hardening policy windows-host-process: the same change as the windowsHostProcess check's fix.

import { deriveFix } from '../engine/fix';
import { windowsHostProcess } from './windowsHostProcess';

export const windowsHostProcessPolicy = deriveFix(windowsHostProcess, 'windows-host-process');
