// Fix for the Pod Security Standards check sysctls (baseline).

import { valueAt } from '../engine/change';
import { defineFix, type PlannedChange } from '../engine/fix';
import { parentPath } from './shared/pod-paths';
import { removeFromList } from './shared/remove-from-list';

const SYSCTLS = 'spec.securityContext.sysctls';

export const sysctls = defineFix({
  id: 'sysctls',
  summary: 'Remove sysctls outside the safe set.',
  remedies: {
    'remove-sysctl': {
      safe: false,
      change: 'removes the sysctls the level forbids from securityContext.sysctls (the whole list when none is left)',
      rationale:
        'The pod runs with the kernel defaults for those settings: tuning the app relied on (message queue sizes, connection tracking, memory overcommit, …) is gone.',
      verify:
        'Find why the app set each sysctl (its docs) and load-test it with the defaults; a setting it truly needs ' +
        'belongs on the nodes, or on a namespace with an exception, not in the pod.',
    },
  },
  plan({ pod, finding }) {
    const list = valueAt(pod, SYSCTLS);
    if (!Array.isArray(list)) return { changes: [], manual: [] };
    const forbidden = new Set(finding.fields.map((f) => parentPath(f)));
    const changes: PlannedChange<'remove-sysctl'>[] = removeFromList(SYSCTLS, list, (_, i) => forbidden.has(`${SYSCTLS}[${i}]`)).map((change) => ({
      remedy: 'remove-sysctl',
      subject: 'pod',
      change,
    }));
    return { changes, manual: [] };
  },
});
