// Small helpers shared by the checks, mirroring upstream's policy/helpers.go and visitor.go so
// that messages come out identical.
//
// They keep an allowed pod free of garbage: a check first asks anyContainer (or containersWhere)
// with a module-level predicate, which allocates nothing, and only a pod it is going to deny is
// visited again, in a separate `report` function, to collect names and build the JSON paths of
// the fields it reports. (V8 allocates the variables a closure captures when the function that
// declares the closure is entered, so closures live only in `report`.)

import type { AppArmorProfile, Container, PodSpec, SeccompProfile } from '../k8s/types';
import { ALLOWED, type CheckPodFn } from './check';

// --- messages ----------------------------------------------------------------------------------

/** `"a", "b", "c"` — upstream joinQuote. */
export function joinQuote(items: readonly string[]): string {
  if (items.length === 1) return `"${items[0]}"`; // the usual case: no join
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` or `containers "a", "b"`: how upstream names the containers it reports. */
export function quotedContainers(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/**
 * Who set a forbidden value, as upstream joins its badSetters: `pod`, `container "a"`, or
 * `pod and containers "a", "b"`.
 */
export function badSetters(pod: boolean, containerNames: readonly string[] | undefined): string {
  const containers = containerNames !== undefined && containerNames.length > 0 ? quotedContainers(containerNames) : '';
  return pod && containers !== '' ? `pod and ${containers}` : pod ? 'pod' : containers;
}

// --- containers --------------------------------------------------------------------------------

/** The container lists in upstream's visiting order (visitor.go): init, regular, ephemeral. */
export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

/** A question about one container. Pass a module-level function, so asking allocates nothing. */
export type ContainerTest = (container: Container) => boolean;

function anyIn(list: readonly Container[] | undefined, test: ContainerTest): boolean {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) {
    const c: unknown = list[i];
    if (c !== null && typeof c === 'object' && test(c as Container)) return true;
  }
  return false;
}

/** Whether any init, regular or ephemeral container passes `test`. */
export function anyContainer(spec: PodSpec, test: ContainerTest): boolean {
  return anyIn(spec.initContainers, test) || anyIn(spec.containers, test) || anyIn(spec.ephemeralContainers, test);
}

/**
 * The visitor learns where the container is, not its path: a check builds a path (containerField)
 * only for a field it reports.
 */
export type ContainerVisitor = (container: Container, list: ContainerList, index: number) => void;

/** Visits init, regular and ephemeral containers in upstream's order, skipping entries that are not objects. */
export function visitContainers(spec: PodSpec, visit: ContainerVisitor): void {
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (let i = 0; i < containers.length; i++) {
      const c: unknown = containers[i];
      if (c !== null && typeof c === 'object') visit(c as Container, list, i);
    }
  }
}

/** `spec.containers[2].securityContext.privileged`: the JSON path of `field` in `list[index]`. */
export function containerField(list: ContainerList, index: number, field: string): string {
  return `spec.${list}[${index}].${field}`;
}

export interface ContainersFound {
  readonly names: string[];
  /** The path of the reported field in each container, in the same order. */
  readonly fields: string[];
}

/**
 * The containers that pass `test`, in visiting order: their names and the path of `field` in
 * each. Undefined, having allocated nothing, when no container does.
 */
export function containersWhere(spec: PodSpec, test: ContainerTest, field: string): ContainersFound | undefined {
  return anyContainer(spec, test) ? collectContainers(spec, test, field) : undefined;
}

// Kept apart from containersWhere for the closure: see the note at the top.
function collectContainers(spec: PodSpec, test: ContainerTest, field: string): ContainersFound {
  const found: ContainersFound = { names: [], fields: [] };
  visitContainers(spec, (c, list, i) => {
    if (!test(c)) return;
    found.names.push(nameOf(c));
    found.fields.push(containerField(list, i, field));
  });
  return found;
}

/** A container's name as upstream prints it (the empty string when unset). */
export function nameOf(c: Container): string {
  return typeof c.name === 'string' ? c.name : '';
}

// --- security contexts and pods ----------------------------------------------------------------

/** Pod and container security contexts both carry these profiles. */
interface ProfileHolder {
  readonly seccompProfile?: SeccompProfile;
  readonly appArmorProfile?: AppArmorProfile;
}

/** A security context's seccomp or AppArmor profile, when it is set (Go reads null as unset). */
export function profileOf(sc: ProfileHolder | undefined, kind: 'seccompProfile' | 'appArmorProfile'): SeccompProfile | AppArmorProfile | undefined {
  const profile: unknown = sc?.[kind];
  return profile !== null && typeof profile === 'object' ? (profile as SeccompProfile | AppArmorProfile) : undefined;
}

/**
 * Whether a pod is a Windows pod, as Pod Security Admission decides it: `spec.os.name: windows`
 * and nothing else (a nodeSelector does not count). Some restricted checks skip such pods from
 * v1.25 (KEP-2802). Upstream: pod-security-admission policy/check_seccompProfile_restricted.go,
 * check_capabilities_restricted.go (`podSpec.OS != nil && podSpec.OS.Name == corev1.Windows`).
 * The one definition podguard has: the hardening policies use it too (policies/resolve.ts).
 */
export function isWindowsPod(spec: PodSpec): boolean {
  return spec.os?.name === 'windows';
}

/** Pods with spec.hostUsers: false run in their own user namespace: some checks skip them from v1.35 (KEP-127). */
export function inUserNamespace(spec: PodSpec): boolean {
  return spec.hostUsers === false;
}

/** A later version of a check: admits the pods `exempt` picks out and judges the others as `check` does. */
export function exempting(exempt: (spec: PodSpec) => boolean, check: CheckPodFn): CheckPodFn {
  return (meta, spec) => (exempt(spec) ? ALLOWED : check(meta, spec));
}
