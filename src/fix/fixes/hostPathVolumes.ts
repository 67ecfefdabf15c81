// Fix for the Pod Security Standards check hostPathVolumes (baseline).

import { defineFix } from '../engine/fix';
import { EMPTY_DIR_REMEDY, emptyDirFor } from './shared/host-path';

export const hostPathVolumes = defineFix({
  id: 'hostPathVolumes',
  summary: 'Replace hostPath volumes with emptyDir scratch space.',
  remedies: { 'empty-dir': EMPTY_DIR_REMEDY },
  plan({ pod, finding }) {
    return { changes: finding.fields.filter((f) => f.endsWith('.hostPath')).map((f) => emptyDirFor(pod, f)), manual: [] };
  },
});
