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
import { CONTAINER_LISTS, type ContainerFields, type ContainerList, type PodFacts } from './pod-facts';

// --- messages ----------------------------------------------------------------------------------

/** `"a", "b", "c"` — upstream joinQuote. */
export function joinQuote(items: readonly string[]): string {
  if (items.length === 0) return '';
  // Concatenated by hand: Array.prototype.join costs more than the few pieces a message has.
  let out = `"${items[0]}"`;
  for (let i = 1; i < items.length; i++) out += `, "${items[i]}"`;
  return out;
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

export { CONTAINER_LISTS, type ContainerList } from './pod-facts';

/**
 * A question about one container, asked of its facts (the fast look) or of the parsed container
 * (a report). Pass a module-level function, so asking allocates nothing.
 */
export type ContainerTest = (container: ContainerFields) => boolean;

/** Whether any init, regular or ephemeral container passes `test`. */
export function anyContainer(pod: PodFacts, test: ContainerTest): boolean {
  const containers = pod.containers;
  for (let i = 0; i < containers.length; i++) if (test(containers[i]!)) return true;
  return false;
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
export function containersWhere(pod: PodFacts, test: ContainerTest, field: string): ContainersFound | undefined {
  let found: ContainersFound | undefined;
  const containers = pod.containers;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]!;
    if (!test(c)) continue;
    found ??= { names: [], fields: [] };
    found.names.push(nameOf(c));
    found.fields.push(containerField(c.list, c.index, field));
  }
  return found;
}

/** A container's name as upstream prints it (the empty string when unset). */
export function nameOf(c: ContainerFields): string {
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
  return (meta, spec, pod) => (exempt(spec) ? ALLOWED : check(meta, spec, pod));
}
