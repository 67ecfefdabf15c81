// The field → check table: for each PodSecurityPolicy field, what the Pod Security Standards say
// about the same setting, and so the strictest level that still allows everything the policy
// allows (its nearest level). docs/psp.md prints this table; the Kubernetes documentation's
// "Mapping PodSecurityPolicies to Pod Security Standards" page
// (https://kubernetes.io/docs/reference/access-authn-authz/psp-to-pod-security-standards/) is the
// basis, read against the checks of src/pss/checks.

import type { PodSecurityPolicy } from './model';
import { APPARMOR_ALLOWED_ANNOTATION } from './strategies/apparmor';
import { SECCOMP_ALLOWED_ANNOTATION } from './strategies/seccomp';

export type PssLevel = 'privileged' | 'baseline' | 'restricted';

/** capabilities_baseline's allowed list (src/pss/checks/capabilities_baseline.ts). */
const BASELINE_CAPS = new Set([
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
/** restrictedVolumes' allowed types. */
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const BASELINE_SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);

export interface FieldRule {
  /** The PSP field. */
  readonly field: string;
  /** The PSS checks that judge the same setting. */
  readonly checks: string;
  /** The level this policy's value limits the nearest level to, and why (undefined: no limit). */
  readonly limit: (p: PodSecurityPolicy) => { level: PssLevel; why: string } | undefined;
}

const cap = (level: PssLevel, why: string) => ({ level, why });

export const FIELD_TABLE: readonly FieldRule[] = [
  { field: 'privileged', checks: 'privileged', limit: (p) => (p.spec.privileged ? cap('privileged', 'allows privileged containers') : undefined) },
  {
    field: 'hostNetwork, hostPID, hostIPC',
    checks: 'hostNamespaces',
    limit: (p) => (p.spec.hostNetwork || p.spec.hostPID || p.spec.hostIPC ? cap('privileged', 'allows host namespaces') : undefined),
  },
  { field: 'hostPorts', checks: 'hostPorts', limit: (p) => (p.spec.hostPorts.length > 0 ? cap('privileged', 'allows host ports') : undefined) },
  {
    field: 'volumes',
    checks: 'hostPathVolumes, restrictedVolumes',
    limit: (p) => {
      const v = p.spec.volumes;
      if (v.includes('*') || v.includes('hostPath')) return cap('privileged', 'allows hostPath volumes');
      if (v.some((t) => !RESTRICTED_VOLUMES.has(t)))
        return cap('baseline', `allows volume types restricted forbids (${v.filter((t) => !RESTRICTED_VOLUMES.has(t)).join(', ')})`);
      return undefined;
    },
  },
  {
    field: 'allowedCapabilities, defaultAddCapabilities',
    checks: 'capabilities_baseline, capabilities_restricted',
    limit: (p) => {
      const added = [...p.spec.allowedCapabilities, ...p.spec.defaultAddCapabilities];
      if (added.some((c) => c === '*' || !BASELINE_CAPS.has(c))) return cap('privileged', 'allows capabilities beyond baseline');
      if (added.some((c) => c !== 'NET_BIND_SERVICE')) return cap('baseline', 'allows adding capabilities other than NET_BIND_SERVICE');
      return undefined;
    },
  },
  {
    field: 'requiredDropCapabilities',
    checks: 'capabilities_restricted',
    limit: (p) => (p.spec.requiredDropCapabilities.includes('ALL') ? undefined : cap('baseline', 'does not require dropping ALL')),
  },
  {
    field: 'allowedProcMountTypes',
    checks: 'procMount',
    limit: (p) => (p.spec.allowedProcMountTypes.some((t) => t !== 'Default') ? cap('privileged', 'allows an unmasked /proc') : undefined),
  },
  {
    field: 'allowedUnsafeSysctls',
    checks: 'sysctls',
    limit: (p) => (p.spec.allowedUnsafeSysctls.length > 0 ? cap('privileged', 'allows unsafe sysctls') : undefined),
  },
  {
    field: 'seLinux',
    checks: 'seLinuxOptions',
    limit: (p) => {
      const o = p.spec.seLinux.seLinuxOptions;
      if (p.spec.seLinux.rule !== 'MustRunAs' || !o) return undefined; // RunAsAny: no opinion, as the mapping page has it
      return o.user !== '' || o.role !== '' || !BASELINE_SELINUX_TYPES.has(o.type)
        ? cap('privileged', 'sets SELinux user, role or a type baseline forbids')
        : undefined;
    },
  },
  {
    field: `annotation ${SECCOMP_ALLOWED_ANNOTATION}`,
    checks: 'seccompProfile_baseline, seccompProfile_restricted',
    limit: (p) => {
      const a = p.annotations[SECCOMP_ALLOWED_ANNOTATION];
      if (a === undefined) return cap('baseline', 'does not require a seccomp profile');
      const list = a.split(',');
      if (list.includes('*') || list.includes('unconfined')) return cap('privileged', 'allows seccomp unconfined');
      if (list.some((x) => x !== 'runtime/default' && x !== 'docker/default' && !x.startsWith('localhost/')))
        return cap('baseline', 'allows unknown seccomp profiles');
      return undefined;
    },
  },
  {
    field: `annotation ${APPARMOR_ALLOWED_ANNOTATION}`,
    checks: 'appArmorProfile',
    limit: (p) => {
      const a = p.annotations[APPARMOR_ALLOWED_ANNOTATION];
      return a !== undefined && a.split(',').includes('unconfined') ? cap('privileged', 'allows AppArmor unconfined') : undefined;
    },
  },
  {
    field: 'allowPrivilegeEscalation',
    checks: 'allowPrivilegeEscalation',
    limit: (p) => (p.spec.allowPrivilegeEscalation ? cap('baseline', 'allows privilege escalation') : undefined),
  },
  {
    field: 'runAsUser',
    checks: 'runAsNonRoot, runAsUser',
    limit: (p) => {
      const r = p.spec.runAsUser;
      if (r.rule === 'MustRunAsNonRoot') return undefined;
      if (r.rule === 'MustRunAs' && r.ranges.length > 0 && r.ranges.every((x) => x.min > 0)) return undefined;
      return cap('baseline', 'allows running as root');
    },
  },
];

const ORDER: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

export function looser(a: PssLevel, b: PssLevel): PssLevel {
  return ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b;
}

/** The policy's nearest level and the fields that keep it from a stricter one. */
export function nearestLevel(p: PodSecurityPolicy): { level: PssLevel; reasons: { field: string; level: PssLevel; why: string }[] } {
  let level: PssLevel = 'restricted';
  const reasons: { field: string; level: PssLevel; why: string }[] = [];
  for (const rule of FIELD_TABLE) {
    const l = rule.limit(p);
    if (!l) continue;
    level = looser(level, l.level);
    reasons.push({ field: rule.field, ...l });
  }
  return { level, reasons };
}
