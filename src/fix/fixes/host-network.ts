// Fix for the hardening policy host-network: the hostNamespaces check's fix, for hostNetwork.

import { deriveFix } from '../engine/fix';
import { hostNamespaces } from './hostNamespaces';

export const hostNetwork = deriveFix(hostNamespaces, 'host-network', { remedies: ['host-network'] });
