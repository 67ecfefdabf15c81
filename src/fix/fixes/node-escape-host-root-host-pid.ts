// Fix for the hardening policy node-escape-host-root-host-pid: leaving the node's process namespace
// (hostPID: false) breaks the escape; the host path itself is sensitive-host-path's.

import { deriveFix } from '../engine/fix';
import { hostNamespaces } from './hostNamespaces';

export const nodeEscapeHostRootHostPid = deriveFix(hostNamespaces, 'node-escape-host-root-host-pid', {
  summary: "Leave the node's process namespace (hostPID: false).",
  remedies: ['host-pid'],
});
