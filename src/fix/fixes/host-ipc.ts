// Fix for the hardening policy host-ipc: the hostNamespaces check's fix, for hostIPC.

import { deriveFix } from '../engine/fix';
import { hostNamespaces } from './hostNamespaces';

export const hostIpc = deriveFix(hostNamespaces, 'host-ipc', { remedies: ['host-ipc'] });
