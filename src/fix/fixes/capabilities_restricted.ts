// Fix for the Pod Security Standards check capabilities_restricted (restricted).

import { defineFix, type PlannedChange } from '../engine/fix';
import { containerAt } from './shared/pod-paths';
import { removeForbiddenAdded } from './shared/remove-added';

export const DROP_ALL_REMEDY = {
  safe: false,
  change: 'adds "ALL" to securityContext.capabilities.drop (other entries stay)',
  rationale:
    'The process loses the capabilities a container gets by default: an entrypoint running as root can no longer ' +
    'chown files, switch user (gosu, su-exec need SETUID/SETGID), bind ports below 1024 (unless NET_BIND_SERVICE ' +
    'is added back) or write files it does not own.',
  verify:
    'Run the image with `docker run --cap-drop=ALL` (or in a test namespace) and watch for "operation not permitted"; ' +
    'add back only NET_BIND_SERVICE if it must bind a low port.',
} as const;

export const REMOVE_ADDED_REMEDY = {
  safe: false,
  change: 'removes the capabilities the level forbids from securityContext.capabilities.add (the whole list when none is left)',
  rationale:
    'The container asked for extra kernel powers (NET_ADMIN to change routes or firewall rules, SYS_PTRACE to ' +
    'trace other processes, SYS_ADMIN for mounts, …); the features that need them stop working.',
  verify: 'Find what the app does with each removed capability (its docs, or `strace -f` in a test run) and check those features after deploying.',
} as const;

export const capabilities_restricted = defineFix({
  id: 'capabilities_restricted',
  summary: 'Drop ALL capabilities and add back nothing but NET_BIND_SERVICE.',
  remedies: { 'drop-all': DROP_ALL_REMEDY, 'remove-added': REMOVE_ADDED_REMEDY },
  plan({ pod, finding, profile }) {
    const changes: PlannedChange<'drop-all' | 'remove-added'>[] = [];
    const manual: string[] = [];
    for (const field of finding.fields) {
      const ref = containerAt(pod, field);
      if (!ref) continue;
      const caps = ref.container.securityContext?.capabilities as { drop?: unknown } | undefined;
      if (field.endsWith('.drop')) {
        const drop = caps?.drop;
        if (drop !== undefined && drop !== null && !Array.isArray(drop)) {
          manual.push(`${ref.subject}: capabilities.drop is not a list`);
          continue;
        }
        changes.push({ remedy: 'drop-all', subject: ref.subject, change: { op: 'append', path: field, value: 'ALL' } });
      } else if (field.endsWith('.add')) {
        changes.push(...removeForbiddenAdded(pod, field, 'capabilities_restricted', profile));
      }
    }
    return { changes, manual };
  },
});
