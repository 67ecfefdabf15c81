// Fix for the hardening policy node-escape-ptrace-host-pid: leaving the node's process namespace
// (hostPID: false) breaks the escape; SYS_PTRACE itself is dangerous-capabilities'.

import { deriveFix } from '../engine/fix';
import { hostNamespaces } from './hostNamespaces';

export const nodeEscapePtraceHostPid = deriveFix(hostNamespaces, 'node-escape-ptrace-host-pid', {
  summary: "Leave the node's process namespace (hostPID: false).",
  remedies: ['host-pid'],
});
