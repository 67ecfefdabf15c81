// Fix for the hardening policy run-as-non-root-conflict: keep runAsNonRoot, give a non-root UID.

import { defineFix, type PlannedChange } from '../engine/fix';
import { subjectOf } from './shared/pod-paths';
import { NON_ROOT_UID, NON_ROOT_UID_REMEDY } from './runAsUser';

export const runAsNonRootConflict = defineFix({
  id: 'run-as-non-root-conflict',
  summary: `Keep runAsNonRoot: true and replace the conflicting runAsUser: 0 with ${NON_ROOT_UID}.`,
  remedies: { 'non-root-uid': NON_ROOT_UID_REMEDY },
  plan({ pod, finding }) {
    // The finding names the runAsNonRoot field, then the runAsUser field in force.
    const changes: PlannedChange<'non-root-uid'>[] = finding.fields
      .filter((f) => f.endsWith('.runAsUser'))
      .map((field) => ({ remedy: 'non-root-uid', subject: subjectOf(pod, field), change: { op: 'set', path: field, value: NON_ROOT_UID } }));
    return { changes, manual: [] };
  },
});
