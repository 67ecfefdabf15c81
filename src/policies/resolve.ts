// Pod-level and container-level settings resolved the way the kubelet does
// (pkg/securitycontext/util.go, DetermineEffectiveSecurityContext): a field set on the container
// wins over the pod's; runAsUser, runAsGroup, runAsNonRoot, seLinuxOptions, seccompProfile and
// appArmorProfile are inherited from the pod as whole values; windowsOptions field by field;
// everything else (capabilities, privileged, readOnlyRootFilesystem, allowPrivilegeEscalation,
// procMount) is the container's only. Volumes take only the pod's fsGroup. "Set" means present
// and not null (a JSON null decodes to Go's nil). Every helper here is allocation-free.

import type { Container, PodSecurityContext, PodSpec, SecurityContext } from '../k8s/types';

/** Fields a container inherits from the pod's securityContext as whole values. */
export type InheritedField = 'runAsUser' | 'runAsGroup' | 'runAsNonRoot' | 'seLinuxOptions' | 'seccompProfile' | 'appArmorProfile';

function mapping<T>(v: unknown): T | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as T) : undefined;
}

export function podSecurityContext(spec: PodSpec): PodSecurityContext | undefined {
  return mapping<PodSecurityContext>(spec.securityContext);
}

export function containerSecurityContext(c: Container): SecurityContext | undefined {
  return mapping<SecurityContext>(c.securityContext);
}

/** The effective value of an inherited field for a container. */
export function effective(spec: PodSpec, c: Container, field: InheritedField): unknown {
  const own = containerSecurityContext(c)?.[field];
  if (own !== undefined && own !== null) return own;
  return podSecurityContext(spec)?.[field] ?? undefined;
}

/** Where the effective value comes from: the container's path, or the pod's (`spec.securityContext.<field>`). */
export function effectivePath(spec: PodSpec, c: Container, containerPath: string, field: InheritedField): string {
  const own = containerSecurityContext(c)?.[field];
  return own !== undefined && own !== null ? `${containerPath}.securityContext.${field}` : `spec.securityContext.${field}`;
}

/** A windowsOptions field, resolved field by field (container first, then pod). */
export function effectiveWindowsOption(spec: PodSpec, c: Container, field: 'runAsUserName' | 'hostProcess'): unknown {
  const own = mapping<Record<string, unknown>>(containerSecurityContext(c)?.windowsOptions)?.[field];
  if (own !== undefined && own !== null) return own;
  return mapping<Record<string, unknown>>(podSecurityContext(spec)?.windowsOptions)?.[field] ?? undefined;
}

export function effectiveWindowsOptionPath(spec: PodSpec, c: Container, containerPath: string, field: 'runAsUserName' | 'hostProcess'): string {
  const own = mapping<Record<string, unknown>>(containerSecurityContext(c)?.windowsOptions)?.[field];
  return own !== undefined && own !== null ? `${containerPath}.securityContext.windowsOptions.${field}` : `spec.securityContext.windowsOptions.${field}`;
}

/** The container's capabilities.add or .drop list (strings only), or undefined. */
export function capabilityList(c: Container, which: 'add' | 'drop'): readonly unknown[] | undefined {
  const list: unknown = containerSecurityContext(c)?.capabilities?.[which];
  return Array.isArray(list) ? list : undefined;
}

const LOWER = /[a-z]/;

/**
 * A capability as container runtimes read it: upper case, without the `CAP_` prefix
 * (containerd and CRI-O accept `sys_admin`, `SYS_ADMIN` and `CAP_SYS_ADMIN` alike). Returns the
 * input itself, allocating nothing, when it is already in that form; '' for a non-string.
 */
export function capabilityName(v: unknown): string {
  if (typeof v !== 'string') return '';
  const upper = LOWER.test(v) ? v.toUpperCase() : v;
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** Whether a capability list names `cap` (given in canonical form, e.g. `SYS_ADMIN`), in any spelling runtimes accept. */
export function listsCapability(list: readonly unknown[] | undefined, cap: string): boolean {
  if (list === undefined) return false;
  for (let i = 0; i < list.length; i++) if (capabilityName(list[i]) === cap) return true;
  return false;
}

// Which pods are Windows pods has one answer, Pod Security Admission's (spec.os.name only): a
// node selector is a scheduling hint, and treating it as Windows made fixes strip a Linux pod's
// hardening (issue 11, item 8).
export { isWindowsPod } from '../pss/helpers';

/** A number in the given range (inclusive), for UID/GID checks. */
export function isIdBetween(v: unknown, low: number, high: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= low && v <= high;
}
