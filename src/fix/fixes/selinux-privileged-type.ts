// Fix for the hardening policy selinux-privileged-type: the same change as the seLinuxOptions check's fix (the type goes).

import { deriveFix } from '../engine/fix';
import { seLinuxOptions } from './seLinuxOptions';

export const selinuxPrivilegedType = deriveFix(seLinuxOptions, 'selinux-privileged-type');
