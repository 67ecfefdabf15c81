// Fix for the Pod Security Standards check restrictedVolumes (restricted).

import { defineFix, type PlannedChange } from '../engine/fix';
import { lastKey, parentPath, subjectOf } from './shared/pod-paths';
import { EMPTY_DIR_REMEDY, emptyDirFor } from './shared/host-path';

const MANUAL =
  'Network and cloud volume types hold data the app keeps: swapping in an emptyDir would silently lose it, and ' +
  'the allowed alternative (a PersistentVolume bound through a persistentVolumeClaim volume) needs storage details ' +
  'only the cluster owner has. Create the PersistentVolume (or a StorageClass), claim it, and mount the claim.';

export const restrictedVolumes = defineFix({
  id: 'restrictedVolumes',
  summary: 'Replace hostPath volumes with emptyDir; other restricted volume types need a PersistentVolumeClaim, by hand.',
  remedies: { 'empty-dir': EMPTY_DIR_REMEDY },
  manual: MANUAL,
  plan({ pod, finding }) {
    const changes: PlannedChange<'empty-dir'>[] = [];
    const manual: string[] = [];
    for (const field of finding.fields) {
      const source = lastKey(field);
      if (source === 'hostPath') changes.push(emptyDirFor(pod, field));
      else manual.push(`${subjectOf(pod, parentPath(field))} uses ${source}: move its data to a PersistentVolume and mount a persistentVolumeClaim instead`);
    }
    return { changes, manual };
  },
});
