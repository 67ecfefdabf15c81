import { checkCases, type CheckCase } from '../../../test/support/check-cases';
import type { PodSpec } from '../../k8s/types';
import { sysctls } from './sysctls';

const withSysctls = (...entries: { name?: string; value?: string }[]): PodSpec => ({ securityContext: { sysctls: entries } });

/** Each sysctl is forbidden at the version before it was added and allowed from the version that added it. */
function addedIn(version: string, before: string, name: string, value: string): CheckCase[] {
  return [
    {
      name: `${name} is not yet allowed`,
      version: before,
      spec: withSysctls({ name, value }),
      forbidden: { reason: 'forbidden sysctls', detail: name, fields: ['spec.securityContext.sysctls[0].name'] },
    },
    { name: `${name} is allowed`, version, spec: withSysctls({ name, value }) },
  ];
}

checkCases(sysctls, [
  { name: 'no security context', version: 'v1.0', spec: { containers: [{ name: 'a' }] } },
  {
    name: 'the v1.0 safe set',
    version: 'v1.0',
    spec: withSysctls(
      { name: 'kernel.shm_rmid_forced', value: '0' },
      { name: 'net.ipv4.ip_local_port_range', value: '1024 65535' },
      { name: 'net.ipv4.tcp_syncookies', value: '0' },
      { name: 'net.ipv4.ping_group_range', value: '1 0' },
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '1024' },
    ),
  },
  {
    name: 'forbidden sysctls in order, between allowed ones',
    version: 'v1.0',
    spec: withSysctls({ name: 'x' }, { name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'y' }),
    forbidden: { reason: 'forbidden sysctls', detail: 'x, y', fields: ['spec.securityContext.sysctls[0].name', 'spec.securityContext.sysctls[2].name'] },
  },
  {
    name: 'duplicates are all listed',
    version: 'v1.37',
    spec: withSysctls({ name: 'kernel.msgmax' }, { name: 'kernel.msgmax' }),
    forbidden: {
      reason: 'forbidden sysctls',
      detail: 'kernel.msgmax, kernel.msgmax',
      fields: ['spec.securityContext.sysctls[0].name', 'spec.securityContext.sysctls[1].name'],
    },
  },
  {
    name: 'a sysctl without a name is forbidden',
    version: 'v1.37',
    spec: withSysctls({ value: '1' }),
    forbidden: { reason: 'forbidden sysctls', detail: '', fields: ['spec.securityContext.sysctls[0].name'] },
  },
  ...addedIn('v1.27', 'v1.26', 'net.ipv4.ip_local_reserved_ports', '1024-4999'),
  ...addedIn('v1.29', 'v1.28', 'net.ipv4.tcp_keepalive_time', '7200'),
  ...addedIn('v1.29', 'v1.28', 'net.ipv4.tcp_fin_timeout', '60'),
  ...addedIn('v1.29', 'v1.28', 'net.ipv4.tcp_keepalive_intvl', '75'),
  ...addedIn('v1.29', 'v1.28', 'net.ipv4.tcp_keepalive_probes', '9'),
  ...addedIn('v1.32', 'v1.31', 'net.ipv4.tcp_rmem', '4096 87380 16777216'),
  ...addedIn('v1.32', 'v1.31', 'net.ipv4.tcp_wmem', '4096 65536 16777216'),
  ...addedIn('v1.37', 'v1.36', 'net.ipv4.tcp_slow_start_after_idle', '0'),
  ...addedIn('v1.37', 'v1.36', 'net.ipv4.tcp_notsent_lowat', '16384'),
  {
    name: 'every earlier sysctl stays allowed',
    version: 'v1.37',
    spec: withSysctls(
      { name: 'kernel.shm_rmid_forced', value: '0' },
      { name: 'net.ipv4.ip_local_reserved_ports', value: '80' },
      { name: 'net.ipv4.tcp_keepalive_probes', value: '9' },
      { name: 'net.ipv4.tcp_wmem', value: '4096 65536 16777216' },
    ),
  },
  {
    name: 'unsafe sysctls stay forbidden at the latest version',
    version: 'v1.37',
    spec: withSysctls({ name: 'net.core.somaxconn', value: '1024' }, { name: 'kernel.sem' }),
    forbidden: {
      reason: 'forbidden sysctls',
      detail: 'net.core.somaxconn, kernel.sem',
      fields: ['spec.securityContext.sysctls[0].name', 'spec.securityContext.sysctls[1].name'],
    },
  },
]);
