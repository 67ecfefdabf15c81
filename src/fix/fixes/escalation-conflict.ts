// Fix for the hardening policy escalation-conflict: keep allowPrivilegeEscalation: false, drop what contradicts it.

import { defineFix, type PlannedChange } from '../engine/fix';
import { containerAt } from './shared/pod-paths';
import { REMOVE_ADDED_REMEDY } from './capabilities_restricted';
import { UNPRIVILEGED_REMEDY } from './privileged';
import { removeForbiddenAdded } from './shared/remove-added';

export const escalationConflict = defineFix({
  id: 'escalation-conflict',
  summary: 'Keep allowPrivilegeEscalation: false; turn privileged off or remove CAP_SYS_ADMIN, which the API server will not combine with it.',
  remedies: { unprivileged: UNPRIVILEGED_REMEDY, 'remove-added': REMOVE_ADDED_REMEDY },
  plan({ pod, finding, profile }) {
    const changes: PlannedChange<'unprivileged' | 'remove-added'>[] = [];
    for (const field of finding.fields) {
      const ref = containerAt(pod, field);
      if (!ref) continue;
      if (field.endsWith('.privileged')) {
        changes.push({ remedy: 'unprivileged', subject: ref.subject, change: { op: 'set', path: field, value: false } });
      } else if (field.endsWith('.capabilities.add')) {
        changes.push(...removeForbiddenAdded(pod, field, 'escalation-conflict', profile));
      }
    }
    return { changes, manual: [] };
  },
});
