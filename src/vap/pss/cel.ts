// Small builders of CEL text for the exported Pod Security Standards policies. Each returns a CEL
// expression as a string; the generators in checks/ combine them. They mirror, in CEL, the
// message helpers of src/pss/helpers.ts (upstream's policy/helpers.go), so the denial a policy
// writes reads as Pod Security Admission's does.
//
// The expressions run against the typed Pod schema of the API server: optional fields are read
// with CEL's optional syntax (`a.?b.orValue(x)`), which Kubernetes enables for admission policies.

import { CONTAINER_LISTS, type ContainerList } from '../../pss/helpers';

/** A CEL string literal (single-quoted; only quote and backslash need escaping in our constants). */
export function str(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A CEL list literal of strings. */
export function strList(items: Iterable<string>): string {
  return `[${[...items].map(str).join(', ')}]`;
}

/** One container list of the pod, empty when absent (containers is required, so always there). */
export function containerList(list: ContainerList): string {
  return list === 'containers' ? 'object.spec.containers' : `object.spec.?${list}.orValue([])`;
}

/**
 * The names of the containers (init, regular, ephemeral: upstream's visiting order) for which
 * `test` holds; `test` reads the container as `c`. Written once per list, because the three lists
 * have different types in the schema and cannot be concatenated before mapping.
 */
export function namesWhere(test: string): string {
  return `(${CONTAINER_LISTS.map((l) => `${containerList(l)}.filter(c, ${test}).map(c, c.name)`).join(' + ')})`;
}

/** Whether any container passes `test` (reading the container as `c`). */
export function anyContainer(test: string): string {
  return `(${CONTAINER_LISTS.map((l) => `${containerList(l)}.exists(c, ${test})`).join(' || ')})`;
}

/** The strings `value` (a list(string) expression over `c`) yields for every container, concatenated. */
export function flatMapContainers(value: string): string {
  return `(${CONTAINER_LISTS.map((l) => `${containerList(l)}.map(c, ${value}).flatten()`).join(' + ')})`;
}

/** `"a", "b"`: upstream's joinQuote over a list(string) expression. */
export function joinQuote(list: string): string {
  return `('"' + ${list}.join('", "') + '"')`;
}

/** Upstream's pluralize, on the size of a list expression. */
export function pluralize(singular: string, plural: string, list: string): string {
  return `(${list}.size() == 1 ? ${str(singular)} : ${str(plural)})`;
}

/** `container "a"` or `containers "a", "b"`. */
export function quotedContainers(names: string): string {
  return `(${pluralize('container ', 'containers ', names)} + ${joinQuote(names)})`;
}

/** `pod`, `container "a"`, or `pod and containers "a", "b"`: upstream's badSetters joined. */
export function badSetters(pod: string, names: string): string {
  return `(${pod} && ${names}.size() > 0 ? 'pod and ' + ${quotedContainers(names)} : ${pod} ? 'pod' : ${quotedContainers(names)})`;
}

/** `reason (detail)` when `denied`, else the empty string: one check's part of PSA's message. */
export function violation(denied: string, reason: string, detail: string): string {
  return `(${denied} ? ${str(reason)} + ' (' + ${detail} + ')' : '')`;
}

/** Like violation, for a reason computed in CEL. */
export function violationWith(denied: string, reason: string, detail: string): string {
  return `(${denied} ? ${reason} + ' (' + ${detail} + ')' : '')`;
}

/**
 * Go's %q for a string, as far as CEL can: wraps in double quotes and escapes backslash and
 * double quote. (Go also escapes control and non-printable characters; CEL has no way to.)
 */
export function goQuote(value: string): string {
  return `('"' + ${value}.replace('\\\\', '\\\\\\\\').replace('"', '\\\\"') + '"')`;
}

/** `spec.os.name: windows`, the Windows pods some restricted checks skip from v1.25 (see src/pss/helpers.ts). */
export const WINDOWS_POD = "object.spec.?os.?name.orValue('') == 'windows'";

/** `spec.hostUsers: false`, pods in a user namespace, which some checks skip from v1.35 (KEP-127). */
export const USER_NAMESPACE_POD = 'object.spec.?hostUsers.orValue(true) == false';

/** A violation the pods `exempt` picks out are spared. */
export function unless(exempt: string, violationExpr: string): string {
  return `(${exempt} ? '' : ${violationExpr})`;
}
