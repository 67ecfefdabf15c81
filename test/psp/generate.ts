// Random PodSecurityPolicy admission cases for the differential against upstream's plugin: policies
// drawing on every strategy and field, RBAC grants of `use` (to the pod's service account, to the
// user, to groups; with and without resourceNames; group policy, extensions or *; ClusterRole and
// Role; cluster-wide and namespaced bindings, also in the wrong namespace), and pods, created or
// updated, some already carrying a `kubernetes.io/psp` annotation. Values come from small pools so
// that ranges, prefixes and names collide often.

import type { Random } from '../support/random';

type Json = Record<string, unknown>;

export interface PspCase {
  readonly id: string;
  readonly psps: Json[];
  readonly roles: Json[];
  readonly clusterRoles: Json[];
  readonly roleBindings: Json[];
  readonly clusterRoleBindings: Json[];
  readonly user: { name: string; groups: string[] };
  readonly operation: 'CREATE' | 'UPDATE';
  readonly namespace: string;
  readonly pod: Json;
  readonly oldPod?: Json;
}

const NAMESPACES = ['team-a', 'team-b'];
const PSP_NAMES = ['00-restricted', 'baseline', 'host', 'privileged', 'z-defaults'];
const CAPS = ['NET_ADMIN', 'SYS_TIME', 'CHOWN', 'NET_RAW', 'SYS_ADMIN', 'NET_BIND_SERVICE', 'ALL'];
const VOLUME_KINDS = ['configMap', 'secret', 'emptyDir', 'hostPath', 'projected', 'csi', 'flexVolume', 'persistentVolumeClaim', 'downwardAPI', 'cephFS', 'nfs'];
const HOST_PATHS = ['/var/log', '/var/log/app', '/var/logs', '/data/x', '/etc', '/data/'];
const SYSCTLS = ['kernel.shm_rmid_forced', 'net.core.somaxconn', 'kernel.msgmax', 'net.ipv4.tcp_syncookies', 'vm.swappiness'];
const SECCOMP = ['runtime/default', 'docker/default', 'unconfined', 'localhost/prof.json'];
const APPARMOR = ['runtime/default', 'localhost/app', 'unconfined'];
const SELINUX_POOL = [
  { user: 'system_u', role: 'system_r', type: 'container_t', level: 's0:c1,c2' },
  { type: 'container_t', level: 's0:c2,c1' },
  { level: 's0:c1,c2' },
  { user: 'u', type: 'spc_t' },
];

function ranges(r: Random): Json[] {
  return r.pick([
    [{ min: 1000, max: 2000 }],
    [
      { min: 0, max: 0 },
      { min: 500, max: 600 },
    ],
    [{ min: 1, max: 100 }],
    [
      { min: 50, max: 60 },
      { min: 1500, max: 1600 },
    ],
    [],
  ]);
}

function rangeRule(r: Random, rules: readonly string[]): Json {
  const rule = r.pick(rules);
  const out: Json = { rule };
  if (rule !== 'RunAsAny' && rule !== 'MustRunAsNonRoot') out.ranges = ranges(r);
  else if (r.chance(0.2)) out.ranges = ranges(r);
  return out;
}

function psp(r: Random, name: string): Json {
  const spec: Json = {
    seLinux: r.chance(0.3) ? { rule: 'MustRunAs', ...(r.chance(0.9) ? { seLinuxOptions: r.pick(SELINUX_POOL) } : {}) } : { rule: 'RunAsAny' },
    runAsUser: rangeRule(r, ['RunAsAny', 'MustRunAsNonRoot', 'MustRunAs']),
    supplementalGroups: rangeRule(r, ['RunAsAny', 'MayRunAs', 'MustRunAs']),
    fsGroup: rangeRule(r, ['RunAsAny', 'MayRunAs', 'MustRunAs']),
  };
  if (r.chance(0.5)) spec.runAsGroup = rangeRule(r, ['RunAsAny', 'MayRunAs', 'MustRunAs']);
  if (r.chance(0.3)) spec.privileged = true;
  if (r.chance(0.3)) spec.defaultAddCapabilities = r.some(CAPS.slice(0, 3), 2);
  if (r.chance(0.4)) spec.requiredDropCapabilities = r.some(['ALL', 'NET_RAW', 'CHOWN'], 2);
  if (r.chance(0.4)) spec.allowedCapabilities = r.chance(0.3) ? ['*'] : r.some(CAPS, 3);
  spec.volumes = r.chance(0.3) ? ['*'] : r.some(VOLUME_KINDS, 6);
  for (const k of ['hostNetwork', 'hostPID', 'hostIPC', 'readOnlyRootFilesystem']) if (r.chance(0.25)) spec[k] = true;
  if (r.chance(0.4))
    spec.hostPorts = r.some(
      [
        { min: 80, max: 80 },
        { min: 1000, max: 2000 },
        { min: 8080, max: 8090 },
      ],
      2,
    );
  if (r.chance(0.4)) spec.defaultAllowPrivilegeEscalation = r.chance(0.5);
  if (r.chance(0.6)) spec.allowPrivilegeEscalation = r.chance(0.4);
  if (r.chance(0.4))
    spec.allowedHostPaths = r.some(
      [
        { pathPrefix: '/var/log', readOnly: true },
        { pathPrefix: '/data', readOnly: false },
        { pathPrefix: '/var/log/app/' },
        { pathPrefix: '/etc', readOnly: true },
      ],
      3,
    );
  if (r.chance(0.3)) spec.allowedFlexVolumes = r.some([{ driver: 'example/lvm' }, { driver: 'example/cifs' }], 2);
  if (r.chance(0.3)) spec.allowedCSIDrivers = r.some([{ name: 'csi.example.com' }, { name: 'secrets-store.csi.k8s.io' }], 2);
  if (r.chance(0.3)) spec.allowedUnsafeSysctls = r.some(['kernel.msg*', 'net.core.somaxconn', 'vm.*'], 2);
  if (r.chance(0.3)) spec.forbiddenSysctls = r.some(['kernel.shm_rmid_forced', 'net.*', 'kernel.msgmax'], 2);
  if (r.chance(0.3)) spec.allowedProcMountTypes = r.pick([['Default'], ['Default', 'Unmasked'], ['Unmasked']]);
  if (r.chance(0.2)) {
    const rc: Json = { allowedRuntimeClassNames: r.pick([['gvisor'], ['*'], ['gvisor', 'kata'], []]) };
    if (r.chance(0.5)) rc.defaultRuntimeClassName = r.pick(['gvisor', 'kata']);
    spec.runtimeClass = rc;
  }
  const annotations: Json = {};
  if (r.chance(0.3)) annotations['seccomp.security.alpha.kubernetes.io/defaultProfileName'] = r.pick(SECCOMP);
  if (r.chance(0.4))
    annotations['seccomp.security.alpha.kubernetes.io/allowedProfileNames'] = r.pick([
      'runtime/default',
      'docker/default,localhost/prof.json',
      '*',
      '',
      'runtime/default,unconfined',
    ]);
  if (r.chance(0.3)) annotations['apparmor.security.beta.kubernetes.io/defaultProfileName'] = r.pick(APPARMOR);
  if (r.chance(0.3)) annotations['apparmor.security.beta.kubernetes.io/allowedProfileNames'] = r.pick(['runtime/default', 'runtime/default,localhost/app', '']);
  return {
    apiVersion: r.chance(0.8) ? 'policy/v1beta1' : 'extensions/v1beta1',
    kind: 'PodSecurityPolicy',
    metadata: { name, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec,
  };
}

/**
 * A policy that allows almost everything but writes defaults (users, groups, capabilities,
 * escalation, profiles), so that admissions with mutation are common in the corpus.
 */
function defaulting(r: Random, name: string): Json {
  const base = psp(r, name);
  const spec = base.spec as Json;
  const wide = [{ min: 0, max: 65535 }];
  Object.assign(spec, {
    privileged: true,
    volumes: ['*'],
    hostNetwork: true,
    hostPID: true,
    hostIPC: true,
    hostPorts: [{ min: 0, max: 65535 }],
    allowedCapabilities: ['*'],
    allowedProcMountTypes: ['Default', 'Unmasked'],
    seLinux: { rule: 'RunAsAny' },
    runAsUser: r.chance(0.5) ? { rule: 'MustRunAs', ranges: wide } : { rule: 'RunAsAny' },
    runAsGroup: r.chance(0.5) ? { rule: 'MustRunAs', ranges: wide } : { rule: 'RunAsAny' },
    fsGroup: r.chance(0.5) ? { rule: 'MustRunAs', ranges: wide } : { rule: 'RunAsAny' },
    supplementalGroups: r.chance(0.5) ? { rule: 'MustRunAs', ranges: wide } : { rule: 'RunAsAny' },
  });
  for (const k of [
    'requiredDropCapabilities',
    'allowedHostPaths',
    'allowedFlexVolumes',
    'allowedCSIDrivers',
    'forbiddenSysctls',
    'readOnlyRootFilesystem',
    'runtimeClass',
  ])
    delete spec[k];
  spec.allowedUnsafeSysctls = ['*'];
  if (spec.allowPrivilegeEscalation === false && r.chance(0.5)) delete spec.allowPrivilegeEscalation;
  const annotations = ((base.metadata as Json).annotations ?? {}) as Json;
  for (const k of Object.keys(annotations)) if (k.endsWith('allowedProfileNames')) delete annotations[k];
  return base;
}

function rule(r: Random, policies: readonly string[]): Json {
  const out: Json = {
    apiGroups: r.pick([['policy'], ['extensions'], ['*'], ['policy', 'extensions'], ['apps']]),
    resources: r.pick([['podsecuritypolicies'], ['*'], ['pods']]),
    verbs: r.pick([['use'], ['*'], ['get', 'list'], ['use']]),
  };
  if (r.chance(0.6)) out.resourceNames = r.some(policies, 2);
  return out;
}

function subject(r: Random, namespace: string, sa: string | undefined): Json {
  switch (r.int(6)) {
    case 0:
      return { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' };
    case 1:
      return {
        kind: 'Group',
        apiGroup: 'rbac.authorization.k8s.io',
        name: r.pick(['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated', 'devs']),
      };
    case 2:
      return { kind: 'ServiceAccount', name: r.pick(['replicaset-controller', 'default']), namespace: 'kube-system' };
    default:
      return { kind: 'ServiceAccount', name: sa ?? 'default', namespace: r.chance(0.8) ? namespace : r.pick(NAMESPACES) };
  }
}

function rbac(
  r: Random,
  policies: readonly string[],
  namespace: string,
  sa: string | undefined,
): { roles: Json[]; clusterRoles: Json[]; roleBindings: Json[]; clusterRoleBindings: Json[] } {
  const roles: Json[] = [];
  const clusterRoles: Json[] = [];
  const roleBindings: Json[] = [];
  const clusterRoleBindings: Json[] = [];
  const grants = 1 + r.int(4);
  for (let i = 0; i < grants; i++) {
    const rules = Array.from({ length: 1 + r.int(2) }, () => rule(r, policies));
    const subjects = Array.from({ length: 1 + r.int(2) }, () => subject(r, namespace, sa));
    const clusterRole = r.chance(0.6);
    const roleName = `psp-role-${i}`;
    const ns = r.chance(0.85) ? namespace : r.pick(NAMESPACES);
    if (clusterRole) clusterRoles.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: roleName }, rules });
    else roles.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: roleName, namespace: ns }, rules });
    const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: clusterRole ? 'ClusterRole' : 'Role', name: roleName };
    if (clusterRole && r.chance(0.5))
      clusterRoleBindings.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: `psp-binding-${i}` },
        roleRef,
        subjects,
      });
    else
      roleBindings.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `psp-binding-${i}`, namespace: ns },
        roleRef,
        subjects,
      });
  }
  return { roles, clusterRoles, roleBindings, clusterRoleBindings };
}

function maybe<T>(r: Random, p: number, make: () => T): T | undefined {
  return r.chance(p) ? make() : undefined;
}

function assign(o: Json, values: Json): Json {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) o[k] = v;
  return o;
}

function containerSC(r: Random): Json | undefined {
  if (r.chance(0.3)) return undefined;
  return assign(
    {},
    {
      privileged: maybe(r, 0.2, () => r.chance(0.6)),
      runAsUser: maybe(r, 0.3, () => r.pick([0, 1000, 1500, 3000, 55])),
      runAsGroup: maybe(r, 0.2, () => r.pick([0, 1000, 55, 5000])),
      runAsNonRoot: maybe(r, 0.3, () => r.chance(0.7)),
      readOnlyRootFilesystem: maybe(r, 0.3, () => r.chance(0.6)),
      allowPrivilegeEscalation: maybe(r, 0.3, () => r.chance(0.4)),
      capabilities: maybe(r, 0.4, () => assign({}, { add: maybe(r, 0.5, () => r.some(CAPS, 2)), drop: maybe(r, 0.6, () => r.some(CAPS, 2)) })),
      procMount: maybe(r, 0.1, () => r.pick(['Default', 'Unmasked'])),
      seLinuxOptions: maybe(r, 0.15, () => r.pick(SELINUX_POOL)),
      seccompProfile: maybe(r, 0.15, () => r.pick([{ type: 'RuntimeDefault' }, { type: 'Unconfined' }, { type: 'Localhost', localhostProfile: 'prof.json' }])),
    },
  );
}

function volume(r: Random, i: number): Json {
  const name = `v${i}`;
  switch (r.pick(VOLUME_KINDS)) {
    case 'configMap':
      return { name, configMap: { name: 'cm' } };
    case 'secret':
      return { name, secret: { secretName: 's' } };
    case 'emptyDir':
      return { name, emptyDir: {} };
    case 'hostPath':
      return { name, hostPath: { path: r.pick(HOST_PATHS) } };
    case 'projected':
      return {
        name,
        projected: {
          sources: r.chance(0.7)
            ? [
                { serviceAccountToken: { path: 'token', ...(r.chance(0.2) ? { audience: 'vault' } : {}) } },
                { configMap: { name: r.chance(0.9) ? 'kube-root-ca.crt' : 'other' } },
                { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
              ]
            : [{ secret: { name: 's' } }],
        },
      };
    case 'csi':
      return { name, csi: { driver: r.pick(['csi.example.com', 'other.csi']) } };
    case 'flexVolume':
      return { name, flexVolume: { driver: r.pick(['example/lvm', 'example/other']) } };
    case 'persistentVolumeClaim':
      return { name, persistentVolumeClaim: { claimName: 'data' } };
    case 'downwardAPI':
      return { name, downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } };
    case 'cephFS':
      return { name, cephfs: { monitors: ['10.0.0.1:6789'] } };
    default:
      return { name, nfs: { server: 'nfs.local', path: '/exports' } };
  }
}

function container(r: Random, name: string, volumes: readonly Json[]): Json {
  const c: Json = { name, image: 'registry.local/app:1' };
  const sc = containerSC(r);
  if (sc) c.securityContext = sc;
  if (r.chance(0.25)) c.ports = [{ containerPort: 8080, hostPort: r.pick([80, 1500, 8085, 9000]) }];
  const mounts = volumes
    .filter(() => r.chance(0.6))
    .map((v) => assign({ name: v.name, mountPath: `/mnt/${String(v.name)}` }, { readOnly: maybe(r, 0.5, () => r.chance(0.5)) }));
  if (mounts.length) c.volumeMounts = mounts;
  return c;
}

function pod(r: Random, i: number, namespace: string, sa: string | undefined, policies: readonly string[]): Json {
  const annotations: Json = {};
  if (r.chance(0.15)) annotations['seccomp.security.alpha.kubernetes.io/pod'] = r.pick(SECCOMP);
  if (r.chance(0.1)) annotations['container.seccomp.security.alpha.kubernetes.io/c0'] = r.pick(SECCOMP);
  if (r.chance(0.15)) annotations['container.apparmor.security.beta.kubernetes.io/c0'] = r.pick(APPARMOR);
  if (r.chance(0.15)) annotations['kubernetes.io/psp'] = r.pick(policies);
  const metadata: Json = r.chance(0.9) ? { name: `pod-${i}`, namespace } : { generateName: `web-${i}-`, namespace };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const volumes = Array.from({ length: r.int(3) }, (_, j) => volume(r, j));
  const spec: Json = { containers: [container(r, 'c0', volumes)] };
  if (r.chance(0.3)) (spec.containers as Json[]).push(container(r, 'c1', volumes));
  if (r.chance(0.2)) spec.initContainers = [container(r, 'init', volumes)];
  if (r.chance(0.08)) spec.ephemeralContainers = [container(r, 'debug', [])];
  if (volumes.length) spec.volumes = volumes;
  if (sa) spec.serviceAccountName = sa;
  for (const k of ['hostNetwork', 'hostPID', 'hostIPC']) if (r.chance(0.1)) spec[k] = true;
  if (r.chance(0.1)) spec.runtimeClassName = r.pick(['gvisor', 'kata']);
  if (r.chance(0.7)) {
    spec.securityContext = assign(
      {},
      {
        runAsUser: maybe(r, 0.3, () => r.pick([0, 1000, 1500, 3000])),
        runAsGroup: maybe(r, 0.2, () => r.pick([0, 1000, 55])),
        runAsNonRoot: maybe(r, 0.3, () => r.chance(0.7)),
        fsGroup: maybe(r, 0.3, () => r.pick([0, 5, 55, 1500])),
        supplementalGroups: maybe(r, 0.25, () => r.pick([[], [5], [55, 1500], [5, 500]])),
        seLinuxOptions: maybe(r, 0.15, () => r.pick(SELINUX_POOL)),
        seccompProfile: maybe(r, 0.2, () =>
          r.pick([{ type: 'RuntimeDefault' }, { type: 'Unconfined' }, { type: 'Localhost', localhostProfile: 'prof.json' }, { type: 'Localhost' }]),
        ),
        sysctls: maybe(r, 0.15, () => r.some(SYSCTLS, 2).map((name) => ({ name, value: '1' }))),
      },
    );
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

export function generateCase(r: Random, i: number): PspCase {
  const namespace = r.pick(NAMESPACES);
  const names = r.some(PSP_NAMES, 4);
  if (names.length === 0 && r.chance(0.8)) names.push(r.pick(PSP_NAMES));
  const sa = r.chance(0.8) ? r.pick(['default', 'app', 'builder']) : undefined;
  const p = pod(r, i, namespace, sa, names.length ? names : PSP_NAMES);
  const update = r.chance(0.3);
  let oldPod: Json | undefined;
  if (update) {
    oldPod = structuredClone(p);
    const meta = oldPod.metadata as Json;
    if (r.chance(0.3)) meta.finalizers = ['example.com/keep'];
    else if (r.chance(0.5)) meta.labels = { version: 'old' };
  }
  const userIsController = r.chance(0.3);
  const psps = names.map((n) => psp(r, n));
  const grants = rbac(r, names.length ? names : PSP_NAMES, namespace, sa);
  if (psps.length > 0 && r.chance(0.4)) {
    const k = r.int(psps.length);
    psps[k] = defaulting(r, names[k]!);
    grants.clusterRoles.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'psp-defaulting' },
      rules: [{ apiGroups: [r.pick(['policy', 'extensions'])], resources: ['podsecuritypolicies'], verbs: ['use'], resourceNames: [names[k]!] }],
    });
    grants.clusterRoleBindings.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'psp-defaulting' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'psp-defaulting' },
      subjects: [r.chance(0.5) ? { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' } : subject(r, namespace, sa)],
    });
  }
  return {
    id: `case-${i}`,
    psps,
    ...grants,
    user: userIsController
      ? {
          name: 'system:serviceaccount:kube-system:replicaset-controller',
          groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
        }
      : { name: 'alice', groups: r.pick([['system:authenticated'], ['devs', 'system:authenticated']]) },
    operation: update ? 'UPDATE' : 'CREATE',
    namespace,
    pod: p,
    ...(oldPod ? { oldPod } : {}),
  };
}
