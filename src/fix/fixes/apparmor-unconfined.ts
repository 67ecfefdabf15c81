// Fix for the hardening policy apparmor-unconfined: the same change as the appArmorProfile check's fix.

import { deriveFix } from '../engine/fix';
import { appArmorProfile } from './appArmorProfile';

export const apparmorUnconfined = deriveFix(appArmorProfile, 'apparmor-unconfined');
