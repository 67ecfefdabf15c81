/*
Containers must drop ALL, and may only add NET_BIND_SERVICE.

Restricted Fields:
spec.containers[*].securityContext.capabilities.drop
spec.initContainers[*].securityContext.capabilities.drop

Allowed Values:
Must include "ALL"

Restricted Fields:
spec.containers[*].securityContext.capabilities.add
spec.initContainers[*].securityContext.capabilities.add

Allowed Values:
undefined / empty
"NET_BIND_SERVICE"

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_capabilities_restricted.go
*/

import { ALLOWED, forbidden, type CheckPodFn, type PssCheck } from '../check';
import type { Capabilities, Container, PodSpec } from '../../k8s/types';
import { isWindowsPod, joinQuote, nameOf, pluralize, visitContainers } from '../helpers';

const CAPABILITY_ALL = 'ALL';
const CAPABILITY_NET_BIND_SERVICE = 'NET_BIND_SERVICE';
const NONE: readonly unknown[] = Object.freeze([]);

/** The container's capabilities, or undefined where upstream sees a nil pointer. */
function capabilitiesOf(c: Container): Capabilities | undefined {
  const caps: unknown = c.securityContext?.capabilities;
  return caps !== null && typeof caps === 'object' ? (caps as Capabilities) : undefined;
}

function dropsAll(caps: Capabilities | undefined): boolean {
  const drop: unknown = caps?.drop;
  return Array.isArray(drop) && drop.includes(CAPABILITY_ALL);
}

/** The capabilities.add list (upstream reads it only when capabilities is set), or an empty one. */
function addedOf(caps: Capabilities | undefined): readonly unknown[] {
  const add: unknown = caps?.add;
  return Array.isArray(add) ? add : NONE;
}

function addsForbidden(caps: Capabilities | undefined): boolean {
  const add = addedOf(caps);
  for (let i = 0; i < add.length; i++) if (add[i] !== CAPABILITY_NET_BIND_SERVICE) return true;
  return false;
}

function unrestricted(c: Container): boolean {
  const caps = capabilitiesOf(c);
  return !dropsAll(caps) || addsForbidden(caps);
}

/** Whether any container fails `test`; allocation-free, so an allowed pod costs no garbage. */
function anyContainer(spec: PodSpec, test: (c: Container) => boolean): boolean {
  return anyIn(spec.initContainers, test) || anyIn(spec.containers, test) || anyIn(spec.ephemeralContainers, test);
}

function anyIn(list: readonly Container[] | undefined, test: (c: Container) => boolean): boolean {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) {
    const c: unknown = list[i];
    if (c !== null && typeof c === 'object' && test(c as Container)) return true;
  }
  return false;
}

/** A capability as Go would hold it (a JSON null decodes to the empty string). */
function capabilityText(capability: unknown): string {
  return typeof capability === 'string' ? capability : capability === null || capability === undefined ? '' : String(capability);
}

/** Go's string order (by UTF-8 bytes, i.e. by code point), which differs from UTF-16 order above U+FFFF. */
function compareGo(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (code points above U+FFFF) sort after U+E000–U+FFFF.
      x = x < 0xe000 ? x + 0x2000 : x - 0x800;
      y = y < 0xe000 ? y + 0x2000 : y - 0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

const capabilitiesRestricted_1_22: CheckPodFn = (_meta, spec) => {
  if (!anyContainer(spec, unrestricted)) return ALLOWED;
  const missingDropAll: string[] = [];
  const missingDropAllFields: string[] = [];
  const addingForbidden: string[] = [];
  const addingForbiddenFields: string[] = [];
  const forbiddenCapabilities = new Set<string>();
  visitContainers(spec, (c, path) => {
    const caps = capabilitiesOf(c);
    if (!dropsAll(caps)) {
      missingDropAll.push(nameOf(c));
      missingDropAllFields.push(`${path}.securityContext.capabilities.drop`);
    }
    let addsOther = false;
    for (const capability of addedOf(caps)) {
      if (capability === CAPABILITY_NET_BIND_SERVICE) continue;
      addsOther = true;
      forbiddenCapabilities.add(capabilityText(capability));
    }
    if (addsOther) {
      addingForbidden.push(nameOf(c));
      addingForbiddenFields.push(`${path}.securityContext.capabilities.add`);
    }
  });
  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(
      `${pluralize('container', 'containers', missingDropAll.length)} ${joinQuote(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`,
    );
  }
  if (addingForbidden.length > 0) {
    details.push(
      `${pluralize('container', 'containers', addingForbidden.length)} ${joinQuote(addingForbidden)} must not include ${joinQuote([...forbiddenCapabilities].sort(compareGo))} in securityContext.capabilities.add`,
    );
  }
  return forbidden('unrestricted capabilities', details.join('; '), [...missingDropAllFields, ...addingForbiddenFields]);
};

export const capabilities_restricted: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  title: 'Capabilities',
  description: 'Containers must drop ALL, and may only add NET_BIND_SERVICE.',
  versions: [
    { since: 'v1.22', check: capabilitiesRestricted_1_22, overrides: ['capabilities_baseline'] },
    {
      // KEP-2802: API validation forbids capabilities on Windows pods (spec.os.name=windows), so they are admitted.
      since: 'v1.25',
      check: (meta, spec) => (isWindowsPod(spec) ? ALLOWED : capabilitiesRestricted_1_22(meta, spec)),
      overrides: ['capabilities_baseline'],
    },
  ],
};
