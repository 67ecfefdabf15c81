// `podguard profiles bundle DIR -o OUT`: a kustomize base that installs DIR's profiles on every
// node. OUT holds
//   kustomization.yaml   namespace, RBAC, the admission policy, the ConfigMaps, one agent DaemonSet per pool
//   files/<kind>/<key>   the profile files, put into ConfigMaps by configMapGenerator
//   files/index.json     the index the agent and the webhook read (bundle-index.ts)
//   *.yaml               the objects
// Pools whose nodes differ (kubelet root folder, no AppArmor, no SELinux) get their own DaemonSet
// with a nodeSelector, so no node runs an agent configured for another kind of node.

import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomic } from '../../io/atomic-write';
import { ANNOTATION_PREFIX } from '../../exceptions/annotations';
import { bundleIndex, INDEX_FILE, KINDS, type BundleIndex } from '../bundle-index';
import type { ProfileKind } from '../finding';
import type { ProvidedProfile } from '../profile-set';
import { SECCOMP_SUBDIR } from '../profile-set';
import { agentAdmissionPolicy, agentRbac, type AgentIdentity } from './agent-policy';

export interface Pool {
  readonly name: string;
  /** Node labels the pool's nodes carry (nodeSelector). */
  readonly selector: Readonly<Record<string, string>>;
  readonly kubeletRoot: string;
  readonly apparmor: boolean;
  readonly selinux: boolean;
}

export interface BundleOptions {
  readonly namespace: string;
  readonly image: string;
  /** Pools; none: one DaemonSet on every Linux node with the defaults. */
  readonly pools: readonly Pool[];
  /** Seconds between reconciliations. */
  readonly intervalSeconds: number;
}

export const DEFAULT_KUBELET_ROOT = '/var/lib/kubelet';
export const AGENT_NAME = 'podguard-profiles-agent';
const MOUNT = '/etc/podguard/profiles';
const HOST_KUBELET = '/host/kubelet';
const STATE_DIR = '/var/lib/podguard-profiles';

/** Parses `NAME:KEY=VALUE[:kubelet-root=PATH][:no-apparmor][:no-selinux]`; a message for a bad one. */
export function parsePool(text: string): Pool | string {
  const [name, selector, ...options] = text.split(':');
  if (!name || !/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/.test(name)) return `pool ${JSON.stringify(text)}: the name must be a short DNS label (a-z, 0-9, -)`;
  const eq = selector ? selector.indexOf('=') : -1;
  if (!selector || eq <= 0) return `pool ${JSON.stringify(text)}: give the node label that selects the pool as KEY=VALUE after the name`;
  let kubeletRoot = DEFAULT_KUBELET_ROOT;
  let apparmor = true;
  let selinux = true;
  for (const o of options) {
    if (o.startsWith('kubelet-root=/')) kubeletRoot = o.slice('kubelet-root='.length);
    else if (o === 'no-apparmor') apparmor = false;
    else if (o === 'no-selinux') selinux = false;
    else return `pool ${JSON.stringify(text)}: unknown option ${JSON.stringify(o)} (use kubelet-root=/ABSOLUTE/PATH, no-apparmor, no-selinux)`;
  }
  return { name, selector: { [selector.slice(0, eq)]: selector.slice(eq + 1) }, kubeletRoot, apparmor, selinux };
}

const yamlDoc = (objects: readonly object[]) => objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');

/**
 * Exceptions to the strict preset for what the agent must do on its node, each with its reason
 * (podguard's annotation exceptions, docs/policies/configuration.md): nothing is excepted that the
 * bundled kinds do not need.
 */
function hostExceptions(kinds: ReadonlySet<ProfileKind>): Record<string, string> {
  const hostPaths = ["the kubelet's seccomp folder (only its podguard/ subfolder), where the kubelet looks up Localhost profiles"];
  if (kinds.has('apparmor')) hostPaths.push('securityfs (/sys/kernel/security), the only way to load an AppArmor profile and list loaded ones');
  if (kinds.has('selinux')) hostPaths.push("/sys/fs/selinux, /etc/selinux and /var/lib/selinux, where semodule changes the node's policy");
  const root = 'the seccomp folder and the kernel interfaces that load profiles belong to root on the node';
  const e: Record<string, string> = {
    hostPathVolumes: `the agent writes to ${hostPaths.join('; ')}; and keeps its state in /var/lib/podguard-profiles`,
    restrictedVolumes: `the agent writes to ${hostPaths.join('; ')}; and keeps its state in /var/lib/podguard-profiles`,
    'sensitive-host-path': `mounted on purpose: ${hostPaths.join('; ')}`,
    'writable-host-path': `the agent writes profiles where the node reads them: ${hostPaths.join('; ')}`,
    runAsNonRoot: root,
    runAsUser: root,
    'run-as-root-user': root,
    'run-as-non-root-unset': root,
    'run-as-root-group': root,
    'host-user-namespace': 'root in a user namespace cannot write root-owned host files or load kernel profiles',
    'service-account-token-mounted': "the token is the agent's identity: bound to its pod, it names the node the admission policy limits it to",
  };
  if (kinds.has('apparmor')) {
    const mac = 'loading an AppArmor profile needs CAP_MAC_ADMIN (all other capabilities are dropped)';
    e['capabilities_baseline'] = mac;
    e['capabilities_restricted'] = mac;
    e['dangerous-capabilities'] = mac;
    e['appArmorProfile'] = 'a process confined by AppArmor cannot load AppArmor profiles; the agent runs unconfined';
    e['apparmor-unconfined'] = 'a process confined by AppArmor cannot load AppArmor profiles; the agent runs unconfined';
  }
  if (kinds.has('selinux')) {
    const spc = "semodule changes the node's SELinux policy, which only a privileged container (spc_t) may do";
    e['privileged'] = spc;
    e['privileged-container'] = spc;
    e['capabilities_baseline'] = spc;
    e['capabilities_restricted'] = spc;
    e['dangerous-capabilities'] = spc;
    e['privilege-escalation-allowed'] = 'a privileged container cannot forbid privilege escalation';
    e['allowPrivilegeEscalation'] = 'a privileged container cannot forbid privilege escalation';
  }
  return Object.fromEntries(Object.entries(e).map(([check, why]) => [`${ANNOTATION_PREFIX}${check}`, why]));
}

function daemonSet(options: BundleOptions, pool: Pool | undefined, kinds: ReadonlySet<ProfileKind>): object {
  const root = pool?.kubeletRoot ?? DEFAULT_KUBELET_ROOT;
  const apparmor = kinds.has('apparmor') && (pool?.apparmor ?? true);
  const selinux = kinds.has('selinux') && (pool?.selinux ?? true);
  const used = new Set<ProfileKind>(['seccomp', ...(apparmor ? (['apparmor'] as const) : []), ...(selinux ? (['selinux'] as const) : [])]);
  const name = pool ? `${AGENT_NAME}-${pool.name}` : AGENT_NAME;
  const labels = { 'app.kubernetes.io/name': AGENT_NAME, 'app.kubernetes.io/instance': name };
  const volumes: object[] = [
    ...KINDS.filter((k) => used.has(k)).map((k) => ({ name: `profiles-${k}`, configMap: { name: `podguard-profiles-${k}` } })),
    { name: 'profiles-index', configMap: { name: 'podguard-profiles-index' } },
    { name: 'kubelet-seccomp', hostPath: { path: `${root}/seccomp/${SECCOMP_SUBDIR}`, type: 'DirectoryOrCreate' } },
    { name: 'state', hostPath: { path: STATE_DIR, type: 'DirectoryOrCreate' } },
  ];
  const mounts: object[] = [
    ...KINDS.filter((k) => used.has(k)).map((k) => ({ name: `profiles-${k}`, mountPath: `${MOUNT}/${k}`, readOnly: true })),
    { name: 'profiles-index', mountPath: `${MOUNT}/index`, readOnly: true },
    { name: 'kubelet-seccomp', mountPath: `${HOST_KUBELET}/seccomp/${SECCOMP_SUBDIR}` },
    { name: 'state', mountPath: STATE_DIR },
  ];
  if (apparmor) {
    volumes.push({ name: 'securityfs', hostPath: { path: '/sys/kernel/security', type: 'Directory' } });
    mounts.push({ name: 'securityfs', mountPath: '/sys/kernel/security' });
  }
  if (selinux) {
    for (const [n, p] of [
      ['selinuxfs', '/sys/fs/selinux'],
      ['selinux-etc', '/etc/selinux'],
      ['selinux-var', '/var/lib/selinux'],
    ] as const) {
      volumes.push({ name: n, hostPath: { path: p, type: 'Directory' } });
      mounts.push({ name: n, mountPath: p });
    }
  }
  const args = [
    'profiles',
    'agent',
    `--profiles=${MOUNT}`,
    `--kubelet-root=${HOST_KUBELET}`,
    `--state-dir=${STATE_DIR}`,
    `--interval=${options.intervalSeconds}`,
    ...(apparmor ? [] : ['--no-apparmor']),
    ...(selinux ? [] : ['--no-selinux']),
  ];
  const securityContext: Record<string, unknown> = selinux
    ? { privileged: true, readOnlyRootFilesystem: true }
    : {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'], ...(apparmor ? { add: ['MAC_ADMIN'] } : {}) },
        ...(apparmor ? { appArmorProfile: { type: 'Unconfined' } } : {}),
      };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: options.namespace, labels, annotations: hostExceptions(used) },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: AGENT_NAME,
          // The token is the agent's identity, bound to its pod and so to its node (agent-policy.ts).
          automountServiceAccountToken: true,
          nodeSelector: { 'kubernetes.io/os': 'linux', ...(pool?.selector ?? {}) },
          // Profiles must reach every node of the pool, tainted or not.
          tolerations: [{ operator: 'Exists' }],
          priorityClassName: 'system-node-critical',
          securityContext: { runAsUser: 0, runAsGroup: 0, runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'agent',
              image: options.image,
              imagePullPolicy: 'IfNotPresent',
              args,
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
              resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
              securityContext,
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      },
    },
  };
}

export interface RenderedBundle {
  readonly index: BundleIndex;
  /** Relative path → content. */
  readonly files: ReadonlyMap<string, string | Buffer>;
}

export function renderBundle(provided: readonly ProvidedProfile[], options: BundleOptions): RenderedBundle {
  const { index, files: profileFiles } = bundleIndex(provided);
  const files = new Map<string, string | Buffer>();
  const kinds = new Set(index.profiles.map((p) => p.kind));
  kinds.add('seccomp');
  const id: AgentIdentity = { namespace: options.namespace, serviceAccount: AGENT_NAME };
  files.set(
    'namespace.yaml',
    yamlDoc([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        // The agent writes to the host and loads kernel profiles: no Pod Security level but privileged allows that.
        metadata: { name: options.namespace, labels: { 'pod-security.kubernetes.io/enforce': 'privileged', 'pod-security.kubernetes.io/warn': 'baseline' } },
      },
    ]),
  );
  files.set('rbac.yaml', yamlDoc(agentRbac(id)));
  files.set('admission-policy.yaml', yamlDoc(agentAdmissionPolicy(id)));
  const pools = options.pools.length ? options.pools : [undefined];
  files.set('daemonset.yaml', yamlDoc(pools.map((p) => daemonSet(options, p, kinds))));
  files.set(`files/${INDEX_FILE}`, `${JSON.stringify(index, null, 2)}\n`);
  for (const f of profileFiles) files.set(`files/${f.kind}/${f.key}`, fs.readFileSync(f.file));
  const generators = [
    { name: 'podguard-profiles-index', files: [`files/${INDEX_FILE}`] },
    ...KINDS.filter((k) => kinds.has(k)).map((k) => ({
      name: `podguard-profiles-${k}`,
      files: profileFiles.filter((f) => f.kind === k).map((f) => `files/${k}/${f.key}`),
    })),
  ];
  files.set(
    'kustomization.yaml',
    `# Generated by "podguard profiles bundle"; regenerate rather than edit. docs/profiles.md explains it.\n${stringify(
      {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        namespace: options.namespace,
        resources: ['namespace.yaml', 'rbac.yaml', 'admission-policy.yaml', 'daemonset.yaml'],
        // No name suffix: the agent reads updated ConfigMaps where they are mounted, without a restart.
        generatorOptions: { disableNameSuffixHash: true },
        configMapGenerator: generators,
      },
      { lineWidth: 0 },
    )}`,
  );
  return { index, files };
}

export function writeBundle(out: string, bundle: RenderedBundle): void {
  for (const [rel, content] of bundle.files) {
    const target = path.join(out, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomic(target, content);
  }
}
