// Fix for the hardening policy supplemental-group-root.

import { valueAt } from '../engine/change';
import { defineFix, type PlannedChange } from '../engine/fix';
import { removeFromList } from './shared/remove-from-list';
import { NON_ROOT_GROUP_REMEDY } from './shared/root-group';

const GROUPS = 'spec.securityContext.supplementalGroups';

export const supplementalGroupRoot = defineFix({
  id: 'supplemental-group-root',
  summary: 'Remove group 0 from supplementalGroups.',
  remedies: {
    'remove-root-group': {
      ...NON_ROOT_GROUP_REMEDY,
      change: 'removes 0 from securityContext.supplementalGroups (the whole list when nothing else is in it)',
    },
  },
  plan({ pod }) {
    const groups = valueAt(pod, GROUPS);
    if (!Array.isArray(groups)) return { changes: [], manual: [] };
    const changes: PlannedChange<'remove-root-group'>[] = removeFromList(GROUPS, groups, (g) => g === 0).map((change) => ({
      remedy: 'remove-root-group',
      subject: 'pod',
      change,
    }));
    return { changes, manual: [] };
  },
});
