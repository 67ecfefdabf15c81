// Fix for the hardening policy node-escape-privileged-host-pid: leaving the node's process namespace
// (hostPID: false) breaks the escape; privileged mode itself is privileged-container's.

import { deriveFix } from '../engine/fix';
import { hostNamespaces } from './hostNamespaces';

export const nodeEscapePrivilegedHostPid = deriveFix(hostNamespaces, 'node-escape-privileged-host-pid', {
  summary: "Leave the node's process namespace (hostPID: false).",
  remedies: ['host-pid'],
});
