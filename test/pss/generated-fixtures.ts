// podguard's own Pod Security Standards fixtures, generated for every level and version the way
// upstream generates its fixture tree (pod-security-admission/test/fixtures_*.go): a minimal
// valid pod per level, and for each check the smallest changes that must pass or fail from the
// version the behaviour starts. Written from the standard's text, not from any corpus.

import type { PodSpec } from '../../src/k8s/types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
export interface Pod {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: Mutable<PodSpec> & Record<string, unknown>;
}

export function basePod(level: 'baseline' | 'restricted'): Pod {
  if (level === 'baseline') {
    return { metadata: { name: 'base' }, spec: { initContainers: [{ name: 'init', image: 'x' }], containers: [{ name: 'app', image: 'x' }] } };
  }
  const sc = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  return {
    metadata: { name: 'base' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [{ name: 'init', image: 'x', securityContext: sc() }],
      containers: [{ name: 'app', image: 'x', securityContext: sc() }],
    },
  };
}

/** A change to a copy of the base pod. */
export type Mutation = (pod: Pod) => void;

export interface FixtureCase {
  /** The check that must report a fail case (at baseline; restricted overrides are mapped by the test). */
  readonly check: string;
  readonly name: string;
  /** First minor version the case applies to (fail: the check exists; pass: the relaxation exists). */
  readonly since: number;
  /** Last minor version, for cases that stop applying (e.g. annotations replaced by fields). */
  readonly until?: number;
  readonly expect: 'pass' | 'fail';
  /** The lowest level the case is judged at; 'restricted' cases are skipped at baseline. */
  readonly level: 'baseline' | 'restricted';
  /** Judged at baseline only (a baseline relaxation that restricted takes back). */
  readonly baselineOnly?: boolean;
  readonly mutate: Mutation;
}

const c0 = (p: Pod) => p.spec.containers![0]! as Record<string, unknown> & { securityContext?: Record<string, unknown> };
const sc0 = (p: Pod) => (c0(p).securityContext ??= {});
const podSc = (p: Pod) => (p.spec.securityContext ??= {}) as Record<string, unknown>;

export const CASES: readonly FixtureCase[] = [
  // baseline
  {
    check: 'privileged',
    name: 'privileged container',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      sc0(p)['privileged'] = true;
    },
  },
  {
    check: 'privileged',
    name: 'privileged false',
    since: 0,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      sc0(p)['privileged'] = false;
    },
  },
  {
    check: 'hostNamespaces',
    name: 'hostNetwork',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      p.spec.hostNetwork = true;
    },
  },
  {
    check: 'hostNamespaces',
    name: 'hostPID',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      p.spec.hostPID = true;
    },
  },
  {
    check: 'hostNamespaces',
    name: 'hostIPC',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      p.spec.hostIPC = true;
    },
  },
  {
    check: 'hostPathVolumes',
    name: 'hostPath volume',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      p.spec.volumes = [{ name: 'h', hostPath: { path: '/var/log' } }];
    },
  },
  {
    check: 'hostPorts',
    name: 'hostPort',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      c0(p)['ports'] = [{ containerPort: 80, hostPort: 8080 }];
    },
  },
  {
    check: 'hostPorts',
    name: 'container port only',
    since: 0,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      c0(p)['ports'] = [{ containerPort: 80 }];
    },
  },
  {
    check: 'appArmorProfile',
    name: 'unconfined annotation',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' };
    },
  },
  {
    check: 'appArmorProfile',
    name: 'unconfined field',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      sc0(p)['appArmorProfile'] = { type: 'Unconfined' };
    },
  },
  {
    check: 'appArmorProfile',
    name: 'runtime default',
    since: 0,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      podSc(p)['appArmorProfile'] = { type: 'RuntimeDefault' };
    },
  },
  {
    check: 'capabilities_baseline',
    name: 'adds NET_ADMIN',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      sc0(p)['capabilities'] = { ...(sc0(p)['capabilities'] as object), add: ['NET_ADMIN'] };
    },
  },
  {
    check: 'capabilities_baseline',
    name: 'adds a default capability',
    since: 0,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      if (!p.spec.securityContext) sc0(p)['capabilities'] = { add: ['CHOWN'] };
    },
  },
  {
    check: 'seLinuxOptions',
    name: 'spc_t type',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      sc0(p)['seLinuxOptions'] = { type: 'spc_t' };
    },
  },
  {
    check: 'seLinuxOptions',
    name: 'custom user',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      podSc(p)['seLinuxOptions'] = { user: 'system_u' };
    },
  },
  {
    check: 'seLinuxOptions',
    name: 'container_t and a level',
    since: 0,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      podSc(p)['seLinuxOptions'] = { type: 'container_t', level: 's0:c1,c2' };
    },
  },
  {
    check: 'seLinuxOptions',
    name: 'container_engine_t',
    since: 31,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      sc0(p)['seLinuxOptions'] = { type: 'container_engine_t' };
    },
  },
  {
    check: 'seLinuxOptions',
    name: 'container_engine_t before it was allowed',
    since: 0,
    until: 30,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      sc0(p)['seLinuxOptions'] = { type: 'container_engine_t' };
    },
  },
  {
    check: 'procMount',
    name: 'Unmasked',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      sc0(p)['procMount'] = 'Unmasked';
    },
  },
  {
    check: 'procMount',
    name: 'Unmasked in a user namespace',
    since: 35,
    expect: 'pass',
    level: 'baseline',
    baselineOnly: true,
    mutate: (p) => {
      sc0(p)['procMount'] = 'Unmasked';
      p.spec.hostUsers = false;
    },
  },
  {
    check: 'seccompProfile_baseline',
    name: 'unconfined annotation',
    since: 0,
    until: 18,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      p.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' };
    },
  },
  {
    check: 'seccompProfile_baseline',
    name: 'Unconfined field',
    since: 19,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      sc0(p)['seccompProfile'] = { type: 'Unconfined' };
    },
  },
  {
    check: 'sysctls',
    name: 'unsafe sysctl',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      podSc(p)['sysctls'] = [{ name: 'kernel.msgmax', value: '1' }];
    },
  },
  {
    check: 'sysctls',
    name: 'safe sysctl',
    since: 0,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      podSc(p)['sysctls'] = [{ name: 'kernel.shm_rmid_forced', value: '0' }];
    },
  },
  {
    check: 'sysctls',
    name: 'ip_local_reserved_ports',
    since: 27,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      podSc(p)['sysctls'] = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1' }];
    },
  },
  {
    check: 'sysctls',
    name: 'ip_local_reserved_ports before v1.27',
    since: 0,
    until: 26,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      podSc(p)['sysctls'] = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1' }];
    },
  },
  {
    check: 'sysctls',
    name: 'tcp_keepalive_time',
    since: 29,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      podSc(p)['sysctls'] = [{ name: 'net.ipv4.tcp_keepalive_time', value: '1' }];
    },
  },
  {
    check: 'sysctls',
    name: 'tcp_rmem',
    since: 32,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      podSc(p)['sysctls'] = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }];
    },
  },
  {
    check: 'windowsHostProcess',
    name: 'hostProcess container',
    since: 0,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      sc0(p)['windowsOptions'] = { hostProcess: true };
    },
  },
  {
    check: 'hostProbesAndHostLifecycle',
    name: 'probe with a host',
    since: 34,
    expect: 'fail',
    level: 'baseline',
    mutate: (p) => {
      c0(p)['livenessProbe'] = { httpGet: { host: '10.0.0.1', port: 80 } };
    },
  },
  {
    check: 'hostProbesAndHostLifecycle',
    name: 'probe with a host before v1.34',
    since: 0,
    until: 33,
    expect: 'pass',
    level: 'baseline',
    mutate: (p) => {
      c0(p)['livenessProbe'] = { httpGet: { host: '10.0.0.1', port: 80 } };
    },
  },
  // restricted
  {
    check: 'allowPrivilegeEscalation',
    name: 'unset',
    since: 8,
    expect: 'fail',
    level: 'restricted',
    mutate: (p) => {
      delete sc0(p)['allowPrivilegeEscalation'];
    },
  },
  {
    check: 'allowPrivilegeEscalation',
    name: 'true',
    since: 8,
    expect: 'fail',
    level: 'restricted',
    mutate: (p) => {
      sc0(p)['allowPrivilegeEscalation'] = true;
    },
  },
  {
    check: 'allowPrivilegeEscalation',
    name: 'unset on a Windows pod',
    since: 25,
    expect: 'pass',
    level: 'restricted',
    mutate: (p) => {
      delete sc0(p)['allowPrivilegeEscalation'];
      p.spec.os = { name: 'windows' };
      delete podSc(p)['seccompProfile'];
    },
  },
  {
    check: 'runAsNonRoot',
    name: 'false on the pod',
    since: 0,
    expect: 'fail',
    level: 'restricted',
    mutate: (p) => {
      podSc(p)['runAsNonRoot'] = false;
    },
  },
  {
    check: 'runAsNonRoot',
    name: 'unset everywhere',
    since: 0,
    expect: 'fail',
    level: 'restricted',
    mutate: (p) => {
      delete podSc(p)['runAsNonRoot'];
    },
  },
  {
    check: 'runAsNonRoot',
    name: 'unset in a user namespace',
    since: 35,
    expect: 'pass',
    level: 'restricted',
    mutate: (p) => {
      delete podSc(p)['runAsNonRoot'];
      p.spec.hostUsers = false;
    },
  },
  {
    check: 'runAsUser',
    name: 'UID 0',
    since: 23,
    expect: 'fail',
    level: 'restricted',
    mutate: (p) => {
      sc0(p)['runAsUser'] = 0;
    },
  },
  {
    check: 'runAsUser',
    name: 'UID 1000',
    since: 0,
    expect: 'pass',
    level: 'restricted',
    mutate: (p) => {
      sc0(p)['runAsUser'] = 1000;
    },
  },
  {
    check: 'seccompProfile_restricted',
    name: 'unset',
    since: 19,
    expect: 'fail',
    level: 'restricted',
    mutate: (p) => {
      delete podSc(p)['seccompProfile'];
    },
  },
  {
    check: 'seccompProfile_restricted',
    name: 'Localhost on the container',
    since: 19,
    expect: 'pass',
    level: 'restricted',
    mutate: (p) => {
      delete podSc(p)['seccompProfile'];
      for (const c of [...p.spec.initContainers!, ...p.spec.containers!])
        (c as { securityContext: Record<string, unknown> }).securityContext['seccompProfile'] = { type: 'Localhost', localhostProfile: 'p.json' };
    },
  },
  {
    check: 'capabilities_restricted',
    name: 'no drop ALL',
    since: 22,
    expect: 'fail',
    level: 'restricted',
    mutate: (p) => {
      delete sc0(p)['capabilities'];
    },
  },
  {
    check: 'capabilities_restricted',
    name: 'adds NET_BIND_SERVICE',
    since: 0,
    expect: 'pass',
    level: 'restricted',
    mutate: (p) => {
      sc0(p)['capabilities'] = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] };
    },
  },
  {
    check: 'restrictedVolumes',
    name: 'nfs volume',
    since: 0,
    expect: 'fail',
    level: 'restricted',
    mutate: (p) => {
      p.spec.volumes = [{ name: 'n', nfs: { server: 'x', path: '/' } }];
    },
  },
  {
    check: 'restrictedVolumes',
    name: 'volume with no source (stored as emptyDir)',
    since: 0,
    expect: 'pass',
    level: 'restricted',
    mutate: (p) => {
      p.spec.volumes = [{ name: 'v' }];
    },
  },
  {
    check: 'restrictedVolumes',
    name: 'allowed volume sources',
    since: 0,
    expect: 'pass',
    level: 'restricted',
    mutate: (p) => {
      p.spec.volumes = [
        { name: 'a', configMap: { name: 'c' } },
        { name: 'b', secret: { secretName: 's' } },
        { name: 'c', projected: { sources: [] } },
        { name: 'd', persistentVolumeClaim: { claimName: 'x' } },
      ];
    },
  },
  {
    check: 'procMount_restricted',
    name: 'Unmasked in a user namespace',
    since: 35,
    expect: 'fail',
    level: 'restricted',
    mutate: (p) => {
      sc0(p)['procMount'] = 'Unmasked';
      p.spec.hostUsers = false;
    },
  },
];

/** Restricted checks that replace a baseline one from a version on (upstream OverrideCheckIDs). */
export const OVERRIDDEN_BY: Readonly<Record<string, { by: string; since: number }>> = {
  capabilities_baseline: { by: 'capabilities_restricted', since: 22 },
  seccompProfile_baseline: { by: 'seccompProfile_restricted', since: 19 },
  hostPathVolumes: { by: 'restrictedVolumes', since: 0 },
  procMount: { by: 'procMount_restricted', since: 35 },
};

export function build(level: 'baseline' | 'restricted', mutate: Mutation): Pod {
  const pod = basePod(level);
  mutate(pod);
  return pod;
}
