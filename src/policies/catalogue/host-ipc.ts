/*
hostIPC: true puts the pod in the node's IPC namespace.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { perPod } from '../visit';

export const hostIpc: PodPolicy = {
  id: 'host-ipc',
  title: 'Host IPC namespace shared',
  severity: 'high',
  category: 'isolation',
  preset: 'recommended',
  rationale:
    "The pod shares the node's System V IPC and POSIX shared memory: it can read and write shared memory segments of host processes and other pods using host IPC. Reported at every level, including privileged.",
  remediation: 'Remove hostIPC: true. Share memory between containers of the pod through an emptyDir (medium: Memory) instead.',
  references: [REF.pss, REF.nsa, REF.cis('5.2.4', 'Minimize the admission of containers wishing to share the host IPC namespace')],
  coveredBy: ['hostNamespaces'],
  check: perPod(
    (spec) => spec.hostIPC === true,
    () => [{ detail: 'pod sets hostIPC=true', fields: ['spec.hostIPC'] }],
  ),
};
