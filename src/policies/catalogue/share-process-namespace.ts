/*
shareProcessNamespace: true lets every container in the pod see and signal the others' processes
and read their files through /proc/<pid>/root.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { perPod } from '../visit';

export const shareProcessNamespace: PodPolicy = {
  id: 'share-process-namespace',
  title: 'Process namespace shared between containers',
  severity: 'low',
  category: 'isolation',
  preset: 'strict',
  rationale:
    "With a shared process namespace, each container sees the others' processes: it can signal them, read their environment " +
    '(often secrets) and reach their filesystems through /proc/<pid>/root. A compromised sidecar then reaches the main ' +
    "application's secrets, and the other way round.",
  remediation: 'Remove shareProcessNamespace: true unless a debugging or process-management sidecar really needs it.',
  references: [REF.shareProcessNamespace, REF.nsa],
  check: perPod(
    (spec) => spec.shareProcessNamespace === true,
    () => [{ detail: 'pod sets shareProcessNamespace=true', fields: ['spec.shareProcessNamespace'] }],
  ),
};
