// Fix for the Pod Security Standards check appArmorProfile (baseline).

import { valueAt } from '../engine/change';
import { defineFix, type PlannedChange } from '../engine/fix';
import { parentPath, subjectOf } from './shared/pod-paths';
import { parsePath } from '../../sources/positions';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export const appArmorProfile = defineFix({
  id: 'appArmorProfile',
  summary: "Replace Unconfined AppArmor profiles with the runtime's default.",
  remedies: {
    'runtime-default': {
      safe: false,
      change:
        'changes an appArmorProfile.type other than RuntimeDefault or Localhost to RuntimeDefault, and an ' +
        'unconfined container.apparmor.security.beta.kubernetes.io annotation to runtime/default',
      rationale:
        "The runtime's default AppArmor profile denies mounts, writes to /proc and /sys and raw kernel access that " +
        'the unconfined container had; tools that need them fail with "permission denied".',
      verify:
        'On an AppArmor node, run the workload in a test namespace and look for DENIED apparmor lines in the kernel log (`journalctl -k | grep apparmor`).',
    },
  },
  plan({ pod, finding }) {
    const changes: PlannedChange<'runtime-default'>[] = [];
    for (const field of finding.fields) {
      if (field.startsWith('metadata.annotations[')) {
        const key = String(parsePath(field).at(-1));
        const subject = key.startsWith(ANNOTATION_PREFIX) ? `container ${JSON.stringify(key.slice(ANNOTATION_PREFIX.length))}` : 'pod';
        changes.push({ remedy: 'runtime-default', subject, change: { op: 'set', path: field, value: 'runtime/default' } });
        continue;
      }
      const profilePath = parentPath(field);
      const subject = subjectOf(pod, field);
      changes.push({ remedy: 'runtime-default', subject, change: { op: 'set', path: field, value: 'RuntimeDefault' } });
      // The API server allows localhostProfile only with type Localhost.
      if ((valueAt(pod, profilePath) as { localhostProfile?: unknown } | undefined)?.localhostProfile !== undefined) {
        changes.push({ remedy: 'runtime-default', subject, change: { op: 'remove', path: `${profilePath}.localhostProfile` } });
      }
    }
    return { changes, manual: [] };
  },
});
