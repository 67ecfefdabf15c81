// Fix for the Pod Security Standards check seLinuxOptions (baseline).

import { valueAt } from '../engine/change';
import { defineFix, type PlannedChange } from '../engine/fix';
import { lastKey, parentPath, subjectOf } from './shared/pod-paths';

export const seLinuxOptions = defineFix({
  id: 'seLinuxOptions',
  summary: 'Remove forbidden SELinux user, role and type settings, so the runtime assigns its confined defaults.',
  remedies: {
    'remove-options': {
      safe: false,
      change:
        'removes the forbidden user, role and type from seLinuxOptions (the level stays; the whole seLinuxOptions ' +
        'goes when nothing is left), so the container runs with the container_t type the runtime assigns',
      rationale:
        'A custom type such as spc_t (unconfined) or a custom user or role was chosen to reach host files or devices; ' +
        'under container_t the process is denied access to anything not labelled for containers.',
      verify:
        'On an SELinux-enforcing node, run the workload in a test namespace and look for AVC denials ' +
        '(`ausearch -m avc -ts recent`); relabel the host paths it needs, or keep it at a level with an exception.',
    },
  },
  plan({ pod, finding }) {
    const changes: PlannedChange<'remove-options'>[] = [];
    const byOptions = new Map<string, string[]>();
    for (const field of finding.fields) {
      const at = parentPath(field);
      byOptions.set(at, [...(byOptions.get(at) ?? []), field]);
    }
    for (const [at, fields] of byOptions) {
      const options = valueAt(pod, at);
      if (options === null || typeof options !== 'object') continue;
      const removed = new Set(fields.map(lastKey));
      const subject = subjectOf(pod, at);
      if (Object.keys(options).every((k) => removed.has(k))) {
        changes.push({ remedy: 'remove-options', subject, change: { op: 'remove', path: at } });
      } else {
        for (const field of fields) changes.push({ remedy: 'remove-options', subject, change: { op: 'remove', path: field } });
      }
    }
    return { changes, manual: [] };
  },
});
