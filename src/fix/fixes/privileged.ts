// Fix for the Pod Security Standards check privileged (baseline).

import type { VolumeMount } from '../../k8s/types';
import { defineFix, type PlannedChange } from '../engine/fix';
import { containerAt } from './shared/pod-paths';

export const UNPRIVILEGED_REMEDY = {
  safe: false,
  change:
    'changes securityContext.privileged: true to false; a volume mount with mountPropagation: Bidirectional, ' +
    'which only privileged containers may use, becomes HostToContainer',
  rationale:
    'The container loses every capability beyond the defaults and its access to host devices: anything that ' +
    'loads kernel modules, changes network or firewall settings, mounts filesystems or talks to /dev stops working.',
  verify:
    'Find what the container does with its privileges (its docs; `capsh --print` or `ls /dev` inside it) and grant ' +
    'only the capabilities it needs; check the features that touch the host after deploying.',
} as const;

export const privileged = defineFix({
  id: 'privileged',
  summary: 'Turn privileged mode off.',
  remedies: { unprivileged: UNPRIVILEGED_REMEDY },
  plan({ pod, finding }) {
    const changes: PlannedChange<'unprivileged'>[] = [];
    for (const field of finding.fields) {
      const ref = containerAt(pod, field);
      if (!ref) continue;
      changes.push({ remedy: 'unprivileged', subject: ref.subject, change: { op: 'set', path: field, value: false } });
      // pkg/apis/core/validation: "Bidirectional mount propagation is available only to privileged containers".
      const mounts: unknown = ref.container.volumeMounts;
      if (!Array.isArray(mounts)) continue;
      mounts.forEach((m: VolumeMount | null, i) => {
        if (m?.mountPropagation === 'Bidirectional') {
          changes.push({
            remedy: 'unprivileged',
            subject: ref.subject,
            change: { op: 'set', path: `${ref.path}.volumeMounts[${i}].mountPropagation`, value: 'HostToContainer' },
          });
        }
      });
    }
    return { changes, manual: [] };
  },
});
