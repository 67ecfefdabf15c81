// Fix for the Pod Security Standards check capabilities_baseline (baseline).

import { defineFix } from '../engine/fix';
import { REMOVE_ADDED_REMEDY } from './capabilities_restricted';
import { removeForbiddenAdded } from './shared/remove-added';

export const capabilities_baseline = defineFix({
  id: 'capabilities_baseline',
  summary: 'Remove capabilities beyond the default set from capabilities.add.',
  remedies: { 'remove-added': REMOVE_ADDED_REMEDY },
  plan: ({ pod, finding, profile }) => ({ changes: finding.fields.flatMap((f) => removeForbiddenAdded(pod, f, 'capabilities_baseline', profile)), manual: [] }),
});
