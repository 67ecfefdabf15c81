// Fix for the hardening policy host-pid: the hostNamespaces check's fix, for hostPID.

import { deriveFix } from '../engine/fix';
import { hostNamespaces } from './hostNamespaces';

export const hostPid = deriveFix(hostNamespaces, 'host-pid', { remedies: ['host-pid'] });
