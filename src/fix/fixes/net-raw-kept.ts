// Fix for the hardening policy net-raw-kept.

import { defineFix, type PlannedChange } from '../engine/fix';
import { containerAt } from './shared/pod-paths';
import { REMOVE_ADDED_REMEDY } from './capabilities_restricted';
import { removeForbiddenAdded } from './shared/remove-added';

export const netRawKept = defineFix({
  id: 'net-raw-kept',
  summary: 'Drop NET_RAW (and stop adding it).',
  remedies: {
    'drop-net-raw': {
      safe: false,
      change: 'adds NET_RAW to securityContext.capabilities.drop',
      rationale:
        'Raw and packet sockets stop working: ping on images whose ping is not built for ICMP sockets, packet capture (tcpdump), some network diagnostics.',
      verify: 'Run the diagnostics the container relies on (ping, tcpdump, traceroute) in a test namespace.',
    },
    'remove-added': REMOVE_ADDED_REMEDY,
  },
  plan({ pod, finding, profile }) {
    const changes: PlannedChange<'drop-net-raw' | 'remove-added'>[] = [];
    for (const field of finding.fields) {
      const ref = containerAt(pod, field);
      if (!ref) continue;
      if (field.endsWith('.drop')) {
        changes.push({ remedy: 'drop-net-raw', subject: ref.subject, change: { op: 'append', path: field, value: 'NET_RAW' } });
        continue;
      }
      changes.push(...removeForbiddenAdded(pod, field, 'net-raw-kept', profile));
    }
    return { changes, manual: [] };
  },
});
