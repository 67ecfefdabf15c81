/*
hostPID: true puts the pod in the node's PID namespace.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { perPod } from '../visit';

export const hostPid: PodPolicy = {
  id: 'host-pid',
  title: 'Host PID namespace shared',
  severity: 'high',
  category: 'isolation',
  preset: 'recommended',
  rationale:
    'The pod sees every process on the node: it can read their environment and command lines (often credentials), signal them, and, with ptrace or a privileged container, enter their namespaces: nsenter -t 1 is a root shell on the node. Reported at every level, including privileged.',
  remediation:
    'Remove hostPID: true. Share a process namespace within the pod (shareProcessNamespace) if containers must see each other; give node agents their own exception.',
  references: [REF.pss, REF.nsa, REF.cis('5.2.3', 'Minimize the admission of containers wishing to share the host process ID namespace')],
  coveredBy: ['hostNamespaces'],
  check: perPod(
    (spec) => spec.hostPID === true,
    () => [{ detail: 'pod sets hostPID=true', fields: ['spec.hostPID'] }],
  ),
};
