// Fix for the hardening policy privileged-container: the same change as the privileged check's fix.

import { deriveFix } from '../engine/fix';
import { privileged } from './privileged';

export const privilegedContainer = deriveFix(privileged, 'privileged-container');
