// Replacing a hostPath volume, shared by the hostPathVolumes and restrictedVolumes fixes.

import type { PodLike } from '../../../k8s/types';
import type { PlannedChange, Remedy } from '../../engine/fix';
import { parentPath, subjectOf } from './pod-paths';

export const EMPTY_DIR_REMEDY: Remedy = {
  safe: false,
  change:
    'replaces the hostPath source of the volume with emptyDir: {} (same volume name, so every volumeMount stays ' +
    'valid): the containers get an empty scratch directory instead of the host path',
  rationale:
    "The app no longer sees or writes the node's files: agents that read host logs, talk to the container runtime " +
    'socket or keep state on the node stop working, and what it writes there is lost when the pod goes.',
  verify:
    'Check what the app reads or writes under the mount path (its docs, `kubectl exec … ls <mountPath>` on the old ' +
    'pod); data that must outlive the pod belongs in a PersistentVolumeClaim, and host access needs an exception instead.',
};

/** Replaces the volume source at `field` (`spec.volumes[i].hostPath`) with an emptyDir. */
export function emptyDirFor(pod: PodLike, field: string): PlannedChange<'empty-dir'> {
  return { remedy: 'empty-dir', subject: subjectOf(pod, parentPath(field)), change: { op: 'replaceEntry', path: field, key: 'emptyDir', value: {} } };
}
