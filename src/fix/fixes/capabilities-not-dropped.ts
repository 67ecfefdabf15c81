// Fix for the hardening policy capabilities-not-dropped: drop ALL, as for capabilities_restricted.

import { defineFix, type PlannedChange } from '../engine/fix';
import { containerAt } from './shared/pod-paths';
import { DROP_ALL_REMEDY } from './capabilities_restricted';

export const capabilitiesNotDropped = defineFix({
  id: 'capabilities-not-dropped',
  summary: 'Drop ALL capabilities.',
  remedies: { 'drop-all': DROP_ALL_REMEDY },
  plan({ pod, finding }) {
    const changes: PlannedChange<'drop-all'>[] = [];
    for (const field of finding.fields) {
      const ref = containerAt(pod, field);
      if (ref) changes.push({ remedy: 'drop-all', subject: ref.subject, change: { op: 'append', path: field, value: 'ALL' } });
    }
    return { changes, manual: [] };
  },
});
