// Small helpers shared by the checks, mirroring upstream's policy/helpers.go and visitor.go so
// that messages come out identical.

import type { Container, PodSpec } from '../k8s/types';

/** `"a", "b", "c"` — upstream joinQuote. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

export type ContainerVisitor = (container: Container, path: string) => void;

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Visits init, regular and ephemeral containers in upstream's order, with each one's JSON path. */
export function visitContainers(spec: PodSpec, visit: ContainerVisitor): void {
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (c !== null && typeof c === 'object') visit(c, `spec.${list}[${i}]`);
    }
  }
}

/** A container's name as upstream prints it (the empty string when unset). */
export function nameOf(c: Container): string {
  return typeof c.name === 'string' ? c.name : '';
}

/** Pods whose spec.os.name is windows: some restricted checks skip them from v1.25 (KEP-2802). */
export function isWindowsPod(spec: PodSpec): boolean {
  return spec.os?.name === 'windows';
}

/** Go's %q for the common case of printable strings; non-printable runes are escaped like Go does. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, (_, hex: string) =>
    hex === '07' ? '\\a' : hex === '0b' ? '\\v' : `\\x${hex}`);
}
