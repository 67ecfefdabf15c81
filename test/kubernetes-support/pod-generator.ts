// Random pods built from every field a Pod Security Standards check reads, at pod and container
// level, in containers, init containers and ephemeral containers, with Windows and
// user-namespace pods, legacy annotations, every volume source, probes and lifecycle hooks with
// hosts, sysctls and odd values (null, empty, wrong case, duplicates, quotes and unicode in
// names). Every value keeps the type the API expects, so the upstream decoder accepts each pod
// and the comparison is about judging it, not about rejecting it.

import { Random } from '../support/random';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const CONTAINER_NAMES = ['app', 'sidecar', 'init', 'debug', 'x', 'a"quote', 'ünï', 'with space', 'app'];
const CAPS = [
  'ALL',
  'all',
  'NET_RAW',
  'CAP_NET_RAW',
  'NET_BIND_SERVICE',
  'CAP_NET_BIND_SERVICE',
  'net_bind_service',
  'SYS_ADMIN',
  'CHOWN',
  'AUDIT_WRITE',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
  'SYS_PTRACE',
  'BPF',
  '',
  ' ALL',
];
const SECCOMP_TYPES = ['RuntimeDefault', 'Localhost', 'Unconfined', '', 'runtimedefault', 'Other'];
const APPARMOR_TYPES = ['RuntimeDefault', 'Localhost', 'Unconfined', '', 'unconfined'];
const APPARMOR_ANNOTATIONS = ['runtime/default', 'localhost/profile', 'unconfined', '', 'RuntimeDefault', 'localhost/'];
const SECCOMP_ANNOTATIONS = ['runtime/default', 'docker/default', 'unconfined', 'localhost/p.json', '', 'Unconfined'];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t', 'spc_t', 'unconfined_t', 'Container_t'];
const PROC_MOUNTS = ['Default', 'Unmasked', '', 'unmasked', 'Other'];
const SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'kernel.msgmax',
  'net.core.somaxconn',
  'vm.swappiness',
  'net.ipv4.ip_forward',
  'net/ipv4/tcp_syncookies',
  '',
];
const VOLUME_SOURCES: Record<string, Obj> = {
  hostPath: { path: '/var/run' },
  emptyDir: {},
  secret: { secretName: 's' },
  configMap: { name: 'c' },
  downwardAPI: {},
  projected: { sources: [] },
  persistentVolumeClaim: { claimName: 'p' },
  ephemeral: { volumeClaimTemplate: { spec: {} } },
  csi: { driver: 'd' },
  image: { reference: 'busybox' },
  gcePersistentDisk: { pdName: 'd' },
  awsElasticBlockStore: { volumeID: 'v' },
  gitRepo: { repository: 'r' },
  nfs: { server: 's', path: '/' },
  iscsi: { targetPortal: 't', iqn: 'i', lun: 0 },
  glusterfs: { endpoints: 'e', path: 'p' },
  rbd: { monitors: ['m'], image: 'i' },
  flexVolume: { driver: 'd' },
  cinder: { volumeID: 'v' },
  cephfs: { monitors: ['m'] },
  flocker: {},
  fc: {},
  azureFile: { secretName: 's', shareName: 'x' },
  vsphereVolume: { volumePath: 'p' },
  quobyte: { registry: 'r', volume: 'v' },
  azureDisk: { diskName: 'd', diskURI: 'u' },
  photonPersistentDisk: { pdID: 'p' },
  portworxVolume: { volumeID: 'v' },
  scaleIO: { gateway: 'g', system: 's', secretRef: {} },
  storageos: {},
};
const PROBE_HOSTS = ['', '127.0.0.1', 'localhost', '::1', 'example.com', '10.0.0.1', ' ', 'LOCALHOST'];

export interface GeneratedPod {
  readonly id: string;
  readonly pod: Obj;
}

function maybe<T extends Json>(r: Random, p: number, value: () => T): T | undefined {
  return r.chance(p) ? value() : undefined;
}

/** Sets key to value unless value is undefined; sometimes writes an explicit null instead of nothing. */
function put(r: Random, obj: Obj, key: string, value: Json | undefined): void {
  if (value !== undefined) obj[key] = value;
  else if (r.chance(0.03)) obj[key] = null;
}

function seccompProfile(r: Random): Obj {
  const type = r.pick(SECCOMP_TYPES);
  const p: Obj = { type };
  if (type === 'Localhost' && r.chance(0.8)) p['localhostProfile'] = r.pick(['p.json', '', 'a/b.json']);
  return p;
}

function appArmorProfile(r: Random): Obj {
  const type = r.pick(APPARMOR_TYPES);
  const p: Obj = { type };
  if (type === 'Localhost' && r.chance(0.8)) p['localhostProfile'] = r.pick(['prof', '']);
  return p;
}

function seLinuxOptions(r: Random): Obj {
  const o: Obj = {};
  put(
    r,
    o,
    'type',
    maybe(r, 0.7, () => r.pick(SELINUX_TYPES)),
  );
  put(
    r,
    o,
    'user',
    maybe(r, 0.15, () => r.pick(['', 'system_u', 'unconfined_u'])),
  );
  put(
    r,
    o,
    'role',
    maybe(r, 0.15, () => r.pick(['', 'system_r', 'object_r'])),
  );
  put(
    r,
    o,
    'level',
    maybe(r, 0.3, () => r.pick(['', 's0:c123,c456'])),
  );
  return o;
}

function windowsOptions(r: Random): Obj {
  const o: Obj = {};
  put(
    r,
    o,
    'hostProcess',
    maybe(r, 0.7, () => r.chance(0.5)),
  );
  put(
    r,
    o,
    'runAsUserName',
    maybe(r, 0.2, () => r.pick(['ContainerUser', 'NT AUTHORITY\\SYSTEM'])),
  );
  return o;
}

function userId(r: Random): number {
  return r.pick([0, 0, 1, 1000, 65534, 2147483647, 4294967295, -1]);
}

function containerSecurityContext(r: Random): Obj {
  const sc: Obj = {};
  put(
    r,
    sc,
    'privileged',
    maybe(r, 0.25, () => r.chance(0.5)),
  );
  put(
    r,
    sc,
    'allowPrivilegeEscalation',
    maybe(r, 0.5, () => (r.chance(0.6) ? false : true)),
  );
  put(
    r,
    sc,
    'runAsNonRoot',
    maybe(r, 0.35, () => r.chance(0.7)),
  );
  put(
    r,
    sc,
    'runAsUser',
    maybe(r, 0.3, () => userId(r)),
  );
  put(
    r,
    sc,
    'runAsGroup',
    maybe(r, 0.1, () => userId(r)),
  );
  put(
    r,
    sc,
    'readOnlyRootFilesystem',
    maybe(r, 0.1, () => r.chance(0.5)),
  );
  put(
    r,
    sc,
    'procMount',
    maybe(r, 0.15, () => r.pick(PROC_MOUNTS)),
  );
  put(
    r,
    sc,
    'seccompProfile',
    maybe(r, 0.45, () => seccompProfile(r)),
  );
  put(
    r,
    sc,
    'appArmorProfile',
    maybe(r, 0.2, () => appArmorProfile(r)),
  );
  put(
    r,
    sc,
    'seLinuxOptions',
    maybe(r, 0.2, () => seLinuxOptions(r)),
  );
  put(
    r,
    sc,
    'windowsOptions',
    maybe(r, 0.1, () => windowsOptions(r)),
  );
  put(
    r,
    sc,
    'capabilities',
    maybe(r, 0.55, () => {
      const caps: Obj = {};
      put(
        r,
        caps,
        'drop',
        maybe(r, 0.75, () => (r.chance(0.55) ? ['ALL'] : r.some(CAPS, 3))),
      );
      put(
        r,
        caps,
        'add',
        maybe(r, 0.45, () => r.some(CAPS, 3)),
      );
      return caps;
    }),
  );
  return sc;
}

function handler(r: Random): Obj {
  const kind = r.pick(['httpGet', 'tcpSocket', 'exec', 'grpc', 'sleep']);
  if (kind === 'httpGet' || kind === 'tcpSocket') {
    const h: Obj = { port: r.chance(0.8) ? 8080 : 'http' };
    put(
      r,
      h,
      'host',
      maybe(r, 0.6, () => r.pick(PROBE_HOSTS)),
    );
    return { [kind]: h };
  }
  if (kind === 'exec') return { exec: { command: ['true'] } };
  if (kind === 'grpc') return { grpc: { port: 9090 } };
  return { sleep: { seconds: 1 } };
}

function container(r: Random, name: string, ephemeral: boolean): Obj {
  const c: Obj = { name, image: 'registry.example/app:1' };
  if (r.chance(0.85)) put(r, c, 'securityContext', containerSecurityContext(r));
  put(
    r,
    c,
    'ports',
    maybe(r, 0.3, () => {
      const ports: Json[] = [];
      for (let i = r.int(3) + 1; i > 0; i--) {
        const p: Obj = { containerPort: r.pick([80, 8080, 443, 53]) };
        put(
          r,
          p,
          'hostPort',
          maybe(r, 0.5, () => r.pick([0, 80, 8080, 65535])),
        );
        if (r.chance(0.2)) p['protocol'] = r.pick(['TCP', 'UDP']);
        ports.push(p);
      }
      return ports;
    }),
  );
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (r.chance(ephemeral ? 0.05 : 0.15)) c[probe] = handler(r);
  }
  if (r.chance(0.15)) {
    const lifecycle: Obj = {};
    put(
      r,
      lifecycle,
      'postStart',
      maybe(r, 0.6, () => handler(r)),
    );
    put(
      r,
      lifecycle,
      'preStop',
      maybe(r, 0.6, () => handler(r)),
    );
    c['lifecycle'] = lifecycle;
  }
  if (ephemeral && r.chance(0.3)) c['targetContainerName'] = 'app';
  return c;
}

function podSecurityContext(r: Random): Obj {
  const sc: Obj = {};
  put(
    r,
    sc,
    'runAsNonRoot',
    maybe(r, 0.45, () => r.chance(0.75)),
  );
  put(
    r,
    sc,
    'runAsUser',
    maybe(r, 0.35, () => userId(r)),
  );
  put(
    r,
    sc,
    'runAsGroup',
    maybe(r, 0.15, () => userId(r)),
  );
  put(
    r,
    sc,
    'fsGroup',
    maybe(r, 0.1, () => userId(r)),
  );
  put(
    r,
    sc,
    'seccompProfile',
    maybe(r, 0.5, () => seccompProfile(r)),
  );
  put(
    r,
    sc,
    'appArmorProfile',
    maybe(r, 0.2, () => appArmorProfile(r)),
  );
  put(
    r,
    sc,
    'seLinuxOptions',
    maybe(r, 0.2, () => seLinuxOptions(r)),
  );
  put(
    r,
    sc,
    'windowsOptions',
    maybe(r, 0.1, () => windowsOptions(r)),
  );
  put(
    r,
    sc,
    'sysctls',
    maybe(r, 0.2, () => r.some(SYSCTLS, 3).map((name) => ({ name, value: '1' }))),
  );
  put(
    r,
    sc,
    'supplementalGroups',
    maybe(r, 0.05, () => [0, 1000]),
  );
  return sc;
}

function annotations(r: Random, names: readonly string[]): Obj | undefined {
  if (!r.chance(0.3)) return undefined;
  const a: Obj = {};
  if (r.chance(0.4)) a['seccomp.security.alpha.kubernetes.io/pod'] = r.pick(SECCOMP_ANNOTATIONS);
  for (const n of r.some([...names, 'missing'], 2)) {
    if (r.chance(0.5)) a[`container.seccomp.security.alpha.kubernetes.io/${n}`] = r.pick(SECCOMP_ANNOTATIONS);
    if (r.chance(0.5)) a[`container.apparmor.security.beta.kubernetes.io/${n}`] = r.pick(APPARMOR_ANNOTATIONS);
  }
  if (r.chance(0.1)) a['unrelated'] = 'x';
  return a;
}

/** One random pod; `index` only names it. */
export function generatePod(r: Random, index: number): GeneratedPod {
  const spec: Obj = {};
  const names: string[] = [];
  const list = (n: number, ephemeral: boolean): Json[] => {
    const out: Json[] = [];
    for (let i = 0; i < n; i++) {
      const name = r.chance(0.8) ? `${r.pick(CONTAINER_NAMES)}${r.chance(0.5) ? i : ''}` : r.pick(CONTAINER_NAMES);
      names.push(name);
      out.push(container(r, name, ephemeral));
    }
    return out;
  };
  spec['containers'] = list(r.int(3) + 1, false);
  put(
    r,
    spec,
    'initContainers',
    maybe(r, 0.25, () => list(r.int(2) + 1, false)),
  );
  put(
    r,
    spec,
    'ephemeralContainers',
    maybe(r, 0.12, () => list(r.int(2) + 1, true)),
  );
  put(
    r,
    spec,
    'hostNetwork',
    maybe(r, 0.15, () => r.chance(0.5)),
  );
  put(
    r,
    spec,
    'hostPID',
    maybe(r, 0.12, () => r.chance(0.5)),
  );
  put(
    r,
    spec,
    'hostIPC',
    maybe(r, 0.12, () => r.chance(0.5)),
  );
  put(
    r,
    spec,
    'hostUsers',
    maybe(r, 0.2, () => (r.chance(0.6) ? false : true)),
  );
  put(
    r,
    spec,
    'os',
    maybe(r, 0.15, () => ({ name: r.pick(['windows', 'linux', 'Windows', '']) })),
  );
  put(
    r,
    spec,
    'securityContext',
    maybe(r, 0.75, () => podSecurityContext(r)),
  );
  put(
    r,
    spec,
    'volumes',
    maybe(r, 0.35, () => {
      const kinds = Object.keys(VOLUME_SOURCES);
      const vols: Json[] = [];
      for (let i = r.int(3) + 1; i > 0; i--) {
        const v: Obj = { name: `v${i}` };
        if (r.chance(0.93)) {
          const kind = r.pick(kinds);
          v[kind] = VOLUME_SOURCES[kind]!;
        } // else: no source at all, which the API server defaults to emptyDir
        vols.push(v);
      }
      return vols;
    }),
  );
  const metadata: Obj = { name: `pod-${index}` };
  put(r, metadata, 'annotations', annotations(r, names));
  return { id: `pod-${index}`, pod: { apiVersion: 'v1', kind: 'Pod', metadata, spec } };
}
