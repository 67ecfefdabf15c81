// Fix for the hardening policy privilege-escalation-allowed: the same change as the allowPrivilegeEscalation check's fix.

import { deriveFix } from '../engine/fix';
import { allowPrivilegeEscalation } from './allowPrivilegeEscalation';

export const privilegeEscalationAllowed = deriveFix(allowPrivilegeEscalation, 'privilege-escalation-allowed');
