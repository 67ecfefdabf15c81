// Fix for the Pod Security Standards check allowPrivilegeEscalation (restricted).

import { valueAt } from '../engine/change';
import { defineFix, type PlannedChange } from '../engine/fix';
import { containerAt } from './shared/pod-paths';

/**
 * The API server rejects allowPrivilegeEscalation: false on a container that is privileged or adds
 * CAP_SYS_ADMIN (pkg/apis/core/validation/validation.go, ValidateSecurityContext). SYS_ADMIN
 * without the prefix passes validation but grants the same power, so it is held back too.
 */
function blocksNoEscalation(securityContext: unknown): string | undefined {
  if (securityContext === null || typeof securityContext !== 'object') return undefined;
  const sc = securityContext as { privileged?: unknown; capabilities?: { add?: unknown } };
  if (sc.privileged === true) return 'is privileged';
  const add = sc.capabilities?.add;
  if (Array.isArray(add) && add.some((c) => c === 'CAP_SYS_ADMIN' || c === 'SYS_ADMIN')) return 'adds SYS_ADMIN';
  return undefined;
}

export const allowPrivilegeEscalation = defineFix({
  id: 'allowPrivilegeEscalation',
  summary: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  remedies: {
    unset: {
      safe: true,
      change: 'sets securityContext.allowPrivilegeEscalation: false on containers that leave it unset',
      rationale:
        'Unset means "allowed", which only matters to set-user-ID programs and file capabilities inside the image ' +
        '(sudo, su, newuidmap). An app that runs as the user it starts as never uses them; the setting makes the ' +
        "kernel's no_new_privs flag refuse the escalation instead of silently granting it.",
    },
    explicit: {
      safe: false,
      change: 'changes allowPrivilegeEscalation: true to false',
      rationale:
        'The manifest asked for escalation on purpose: set-user-ID programs (sudo, su, ping on old images) and file ' +
        'capabilities stop granting privileges, so an entrypoint that switches user or a tool that needs them fails.',
      verify:
        'Look for set-user-ID programs the container runs (`find / -perm -4000` in the image) and watch the logs for ' +
        '"operation not permitted" after deploying.',
    },
  },
  plan({ pod, finding }) {
    const changes: PlannedChange<'unset' | 'explicit'>[] = [];
    const manual: string[] = [];
    for (const field of finding.fields) {
      const ref = containerAt(pod, field);
      if (!ref) continue;
      const blocker = blocksNoEscalation(ref.container.securityContext);
      if (blocker) {
        manual.push(
          `${ref.subject} ${blocker}: the API server refuses allowPrivilegeEscalation: false until that is removed (the privileged and capabilities fixes do, with --unsafe)`,
        );
        continue;
      }
      const value = valueAt(pod, field);
      const remedy = value === undefined || value === null ? 'unset' : 'explicit';
      changes.push({ remedy, subject: ref.subject, change: { op: 'set', path: field, value: false } });
    }
    return { changes, manual };
  },
});
