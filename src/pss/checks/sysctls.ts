/*
Sysctls can disable security mechanisms or affect all containers on a host,
and should be disallowed except for an allowed "safe" subset.

A sysctl is considered safe if it is namespaced in the container or the Pod,
and it is isolated from other Pods or processes on the same Node.

Restricted Fields:
spec.securityContext.sysctls[*].name

Allowed Values:
'kernel.shm_rmid_forced'
'net.ipv4.ip_local_port_range'
'net.ipv4.tcp_syncookies'
'net.ipv4.ping_group_range'
'net.ipv4.ip_unprivileged_port_start'
'net.ipv4.ip_local_reserved_ports' (v1.27+)
'net.ipv4.tcp_keepalive_time' (v1.29+)
'net.ipv4.tcp_fin_timeout' (v1.29+)
'net.ipv4.tcp_keepalive_intvl' (v1.29+)
'net.ipv4.tcp_keepalive_probes' (v1.29+)
'net.ipv4.tcp_rmem' (v1.32+)
'net.ipv4.tcp_wmem' (v1.32+)
'net.ipv4.tcp_slow_start_after_idle' (v1.37+)
'net.ipv4.tcp_notsent_lowat' (v1.37+)

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_sysctls.go
*/

import { ALLOWED, forbidden, type CheckPodFn, type PssCheck } from '../check';
import { goString } from '../go-strings';

// Each version allows everything the one before it did, plus the sysctls the kernel has since
// namespaced (the allow-lists grow by union).
const ALLOWED_1_0: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
]);
const ALLOWED_1_27 = union(ALLOWED_1_0, ['net.ipv4.ip_local_reserved_ports']);
const ALLOWED_1_29 = union(ALLOWED_1_27, [
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const ALLOWED_1_32 = union(ALLOWED_1_29, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']);
const ALLOWED_1_37 = union(ALLOWED_1_32, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']);

/** The newest allow-list: also the set the kubelet allows without --allowed-unsafe-sysctls. */
export const SAFE_SYSCTLS: ReadonlySet<string> = ALLOWED_1_37;

function union(base: ReadonlySet<string>, more: readonly string[]): ReadonlySet<string> {
  return new Set([...base, ...more]);
}

/** A sysctl's name as the API server would decode it (a missing name is the empty string). */
function sysctlName(sysctl: unknown): string {
  if (sysctl === null || typeof sysctl !== 'object') return '';
  return goString((sysctl as { name?: unknown }).name);
}

function allowing(allowed: ReadonlySet<string>): CheckPodFn {
  return (_meta, spec) => {
    const list = spec.securityContext?.sysctls;
    if (!Array.isArray(list)) return ALLOWED;
    let names: string[] | undefined;
    let fields: string[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const name = sysctlName(list[i]);
      if (allowed.has(name)) continue;
      (names ??= []).push(name);
      (fields ??= []).push(`spec.securityContext.sysctls[${i}].name`);
    }
    if (names === undefined || fields === undefined) return ALLOWED;
    return forbidden('forbidden sysctls', names.join(', '), fields);
  };
}

export const sysctls: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  title: 'Sysctls',
  description:
    'Sysctls can disable security mechanisms or affect all containers on a host, and should be disallowed except for an allowed "safe" subset. ' +
    'A sysctl is considered safe if it is namespaced in the container or the Pod, and it is isolated from other Pods or processes on the same Node.',
  versions: [
    { since: 'v1.0', check: allowing(ALLOWED_1_0) },
    { since: 'v1.27', check: allowing(ALLOWED_1_27) },
    { since: 'v1.29', check: allowing(ALLOWED_1_29) },
    { since: 'v1.32', check: allowing(ALLOWED_1_32) },
    { since: 'v1.37', check: allowing(ALLOWED_1_37) },
  ],
};
