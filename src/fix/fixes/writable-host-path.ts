// Fix for the hardening policy writable-host-path.

import { valueAt } from '../engine/change';
import { defineFix, type PlannedChange } from '../engine/fix';
import { parentPath, subjectOf } from './shared/pod-paths';

/** A field inside a volume's hostPath source: `spec.volumes[2].hostPath.path` → `spec.volumes[2]`. */
const VOLUME_SOURCE = /^(spec\.volumes\[\d+\])\.hostPath(?:\.|$)/;

export const writableHostPath = defineFix({
  id: 'writable-host-path',
  summary: 'Mount host paths read-only.',
  remedies: {
    'read-only-mount': {
      safe: false,
      change: 'sets readOnly: true on each volumeMount of a hostPath volume',
      rationale: 'Writes to the host path fail with "read-only file system": agents that keep state, write logs or sockets on the node stop working.',
      verify:
        'Check whether the app writes under the mount path (its docs; `kubectl exec … touch <mountPath>/x` on the old pod shows the mount is used for writing).',
    },
  },
  plan({ pod, finding, others }) {
    // A volume another finding flags as a whole (a sensitive path, the runtime socket) is replaced by that fix.
    const flagged = new Set(others.flatMap((o) => o.fields.flatMap((f) => VOLUME_SOURCE.exec(f)?.[1] ?? [])));
    const volumes: unknown = pod.spec.volumes;
    const changes: PlannedChange<'read-only-mount'>[] = [];
    const manual: string[] = [];
    for (const field of finding.fields) {
      const name = (valueAt(pod, parentPath(field)) as { name?: unknown } | undefined)?.name;
      const index = Array.isArray(volumes) ? volumes.findIndex((v: { name?: unknown } | null) => v?.name === name) : -1;
      if (index >= 0 && flagged.has(`spec.volumes[${index}]`)) {
        manual.push(`volume ${JSON.stringify(name)} is flagged as a whole: the fix that replaces it settles this too`);
        continue;
      }
      changes.push({ remedy: 'read-only-mount', subject: subjectOf(pod, field), change: { op: 'set', path: field, value: true } });
    }
    return { changes, manual };
  },
});
