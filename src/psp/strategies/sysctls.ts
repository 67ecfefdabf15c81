// The sysctls strategy. Upstream (v1.24.17): pkg/security/podsecuritypolicy/sysctl/mustmatchpatterns.go,
// with the safe list of that release (SafeSysctlAllowlist).

import { goQuote } from '../../pss/go-strings';
import { forbidden, type FieldError } from '../field-error';
import { asObject, listOf, stringOf, type Json } from './pod-json';

export const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];

/** A name against patterns that are exact names or end in `*` (a prefix). */
export function matchesSysctlPattern(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

export function validateSysctls(podSC: Json | undefined, allowedUnsafe: readonly string[], forbiddenSysctls: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  (listOf<unknown>(podSC?.sysctls) ?? []).forEach((s, i) => {
    const name = stringOf(asObject(s)?.name);
    const path = `pod.spec.securityContext.sysctls[${i}]`;
    if (matchesSysctlPattern(name, forbiddenSysctls)) errs.push(forbidden(path, `sysctl ${goQuote(name)} is not allowed`));
    else if (SAFE_SYSCTLS.includes(name) || matchesSysctlPattern(name, allowedUnsafe)) return;
    else errs.push(forbidden(path, `unsafe sysctl ${goQuote(name)} is not allowed`));
  });
  return errs;
}
