// What the two seccomp fixes share: the remedies and how one profile field is set to RuntimeDefault.

import { valueAt } from '../../engine/change';
import type { PodLike } from '../../../k8s/types';
import type { PlannedChange, Remedy } from '../../engine/fix';
import { parentPath, subjectOf } from './pod-paths';

export const SECCOMP_UNSET: Remedy = {
  safe: true,
  change:
    'sets seccompProfile.type: RuntimeDefault where no profile is chosen: at the pod level when the pod sets none ' +
    '(containers with a profile of their own keep it), or on a profile that lacks a type',
  rationale:
    "The container runtime's default profile only blocks system calls that ordinary apps never make (kexec, " +
    'mount, reboot, loading kernel modules, …); it is what kubelets apply anyway with the SeccompDefault feature ' +
    '(on by default since Kubernetes 1.27).',
};

export const SECCOMP_EXPLICIT: Remedy = {
  safe: false,
  change: 'replaces an explicit seccompProfile.type (Unconfined) with RuntimeDefault',
  rationale:
    'The manifest turned seccomp off on purpose: tools that make blocked system calls (debuggers using ptrace, ' +
    'perf, nested container runtimes, some JIT sandboxes) fail with "operation not permitted".',
  verify:
    'Run the workload in a test namespace and watch for EPERM or "operation not permitted" errors; the kernel ' +
    'audit log (`journalctl -k | grep SECCOMP`) names the blocked system call when auditing is on.',
};

export type SeccompRemedy = 'unset' | 'explicit';

const VALID_TYPES: ReadonlySet<unknown> = new Set(['RuntimeDefault', 'Localhost']);

/** The changes that make the profile whose `type` field is `field` RuntimeDefault. */
export function runtimeDefaultAt(pod: PodLike, field: string): PlannedChange<SeccompRemedy>[] {
  const profilePath = parentPath(field);
  const profile = valueAt(pod, profilePath) as { type?: unknown; localhostProfile?: unknown } | null | undefined;
  const type = profile?.type;
  if (VALID_TYPES.has(type)) return [];
  const subject = subjectOf(pod, field);
  const unset = type === undefined || type === null || type === '';
  const remedy: SeccompRemedy = unset ? 'unset' : 'explicit';
  const changes: PlannedChange<SeccompRemedy>[] = [{ remedy, subject, change: { op: 'set', path: field, value: 'RuntimeDefault' } }];
  // The API server allows localhostProfile only with type Localhost.
  if (profile?.localhostProfile !== undefined) changes.push({ remedy, subject, change: { op: 'remove', path: `${profilePath}.localhostProfile` } });
  return changes;
}
