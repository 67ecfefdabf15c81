// Fix for the hardening policy run-as-root-user: the same change as the runAsUser check's fix.

import { deriveFix } from '../engine/fix';
import { runAsUser } from './runAsUser';

export const runAsRootUser = deriveFix(runAsUser, 'run-as-root-user');
