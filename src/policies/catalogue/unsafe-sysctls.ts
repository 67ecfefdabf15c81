/*
Sysctls outside the set Kubernetes considers safe (namespaced and isolated per pod) change the
node's kernel for everyone on it, or loosen protections.
*/

import type { PodSpec } from '../../k8s/types';
import type { PodPolicy, PolicyFinding } from '../policy';
import { REF } from '../references';
import { podSecurityContext } from '../resolve';
import { perPod } from '../visit';
import { SAFE_SYSCTLS } from '../../pss/checks/sysctls';

// The safe set is the newest Pod Security Standards allow-list (check_sysctls.go), taken from
// the check itself so the two cannot drift.

/** The kubelet accepts `net/ipv4/tcp_syncookies` as well as dots; compare in dotted form. */
export function sysctlKey(name: unknown): string {
  if (typeof name !== 'string') return '';
  return name.includes('/') ? name.replace(/\//g, '.') : name;
}

const NONE: readonly unknown[] = Object.freeze([]);

function sysctls(spec: PodSpec): readonly unknown[] {
  const s: unknown = podSecurityContext(spec)?.sysctls;
  return Array.isArray(s) ? s : NONE;
}

function isUnsafe(entry: unknown): boolean {
  const name = entry !== null && typeof entry === 'object' ? (entry as { name?: unknown }).name : undefined;
  return !SAFE_SYSCTLS.has(sysctlKey(name));
}

export const unsafeSysctls: PodPolicy = {
  id: 'unsafe-sysctls',
  title: 'Unsafe sysctl',
  severity: 'high',
  category: 'isolation',
  preset: 'recommended',
  rationale:
    'Sysctls outside the safe set either are not namespaced (they change the kernel for every pod on the node) or weaken ' +
    "isolation (kernel.core_pattern runs a program as root on the node; net.* settings reach the node's stack). Reported at " +
    'every level, including privileged.',
  remediation: "Remove the sysctl, or move the tuning to the node's configuration where the platform team owns it.",
  references: [REF.sysctls, REF.pss, REF.nsa],
  coveredBy: ['sysctls'],
  check: perPod(
    (spec) => sysctls(spec).some(isUnsafe),
    (spec) => {
      const out: PolicyFinding[] = [];
      sysctls(spec).forEach((s, i) => {
        if (isUnsafe(s))
          out.push({
            detail: `pod sets unsafe sysctl ${JSON.stringify((s as { name?: unknown } | null)?.name ?? '')}`,
            fields: [`spec.securityContext.sysctls[${i}].name`],
          });
      });
      return out;
    },
  ),
};
