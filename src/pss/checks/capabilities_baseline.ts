/*
Adding NET_RAW or capabilities beyond the default set must be disallowed.

Restricted Fields:
spec.containers[*].securityContext.capabilities.add
spec.initContainers[*].securityContext.capabilities.add

Allowed Values:
undefined / empty
values from the default set "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_capabilities_baseline.go
(At restricted, capabilities_restricted replaces this check from v1.22.)
*/

import { ALLOWED, forbidden, type PssCheck } from '../check';
import type { Container, PodSpec } from '../../k8s/types';
import { joinQuote, nameOf, pluralize, visitContainers } from '../helpers';

const DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

function isDefault(capability: unknown): boolean {
  return typeof capability === 'string' && DEFAULT_CAPABILITIES.has(capability);
}

/** The container's capabilities.add list, when it has one. */
function addedOf(c: Container): readonly unknown[] | undefined {
  const add: unknown = c.securityContext?.capabilities?.add;
  return Array.isArray(add) ? add : undefined;
}

function addsNonDefault(c: Container): boolean {
  const add = addedOf(c);
  if (add === undefined) return false;
  for (let i = 0; i < add.length; i++) if (!isDefault(add[i])) return true;
  return false;
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

export const capabilities_baseline: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  title: 'Capabilities',
  description: 'Adding NET_RAW or capabilities beyond the default set must be disallowed.',
  versions: [
    {
      since: 'v1.0',
      check(_meta, spec) {
        if (!anyContainer(spec, addsNonDefault)) return ALLOWED;
        const names: string[] = [];
        const fields: string[] = [];
        const capabilities = new Set<string>();
        visitContainers(spec, (c, path) => {
          const add = addedOf(c);
          if (add === undefined) return;
          let bad = false;
          for (const capability of add) {
            if (isDefault(capability)) continue;
            bad = true;
            capabilities.add(capabilityText(capability));
          }
          if (bad) {
            names.push(nameOf(c));
            fields.push(`${path}.securityContext.capabilities.add`);
          }
        });
        return forbidden(
          'non-default capabilities',
          `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must not include ${joinQuote([...capabilities].sort(compareGo))} in securityContext.capabilities.add`,
          fields,
        );
      },
    },
  ],
};
