// A small cluster for the audit's tests: objects as a real API server stores them (uids, owner
// references from controllers to what they create), in namespaces chosen to exercise every part of
// the audit. EXPECTED states what a correct audit finds, worked out by hand from the specs below.

import type { KubeObject, PodSpec } from '../../src/k8s/types';

let uidSeq = 0;
const uid = () => `00000000-0000-4000-8000-${String(++uidSeq).padStart(12, '0')}`;

/** Passes restricted. */
export const RESTRICTED_SPEC: PodSpec = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'app', image: 'registry.example/app:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
};
/** Passes baseline, fails restricted (allowPrivilegeEscalation, capabilities, runAsNonRoot, seccomp). */
export const BASELINE_SPEC: PodSpec = { containers: [{ name: 'app', image: 'registry.example/app:1' }] };
/** Fails baseline: a privileged container. */
export const PRIVILEGED_SPEC: PodSpec = { containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { privileged: true } }] };
/** Fails baseline: a hostPath volume. */
export const HOSTPATH_SPEC: PodSpec = {
  volumes: [{ name: 'data', hostPath: { path: '/var/data' } }],
  containers: [{ name: 'job', image: 'registry.example/job:1' }],
};

interface Owner {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly [key: string]: unknown };
}

function meta(ns: string | undefined, name: string, owner?: Owner, extra: Record<string, unknown> = {}) {
  return {
    name,
    ...(ns ? { namespace: ns } : {}),
    uid: uid(),
    resourceVersion: '1',
    creationTimestamp: '2025-01-01T00:00:00Z',
    ...(owner
      ? {
          ownerReferences: [
            {
              apiVersion: owner.apiVersion,
              kind: owner.kind,
              name: owner.metadata!.name!,
              uid: owner.metadata!['uid'],
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        }
      : {}),
    ...extra,
  };
}

export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { ...meta(undefined, name), labels: { 'kubernetes.io/metadata.name': name, ...labels } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export function pod(ns: string, name: string, spec: PodSpec, owner?: Owner): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta(ns, name, owner), spec: { restartPolicy: 'Always', ...spec }, status: { phase: 'Running' } };
}

function templated(apiVersion: string, kind: string, ns: string, name: string, spec: PodSpec, extra: Record<string, unknown> = {}, owner?: Owner): KubeObject {
  return { apiVersion, kind, metadata: meta(ns, name, owner), spec: { ...extra, template: { metadata: { labels: { app: name } }, spec } } };
}

export const deployment = (ns: string, name: string, spec: PodSpec, replicas = 1) =>
  templated('apps/v1', 'Deployment', ns, name, spec, { replicas, selector: { matchLabels: { app: name } } });
export const replicaSet = (ns: string, name: string, spec: PodSpec, owner?: Owner) =>
  templated('apps/v1', 'ReplicaSet', ns, name, spec, { replicas: 1 }, owner);
export const statefulSet = (ns: string, name: string, spec: PodSpec) => templated('apps/v1', 'StatefulSet', ns, name, spec, { replicas: 2, serviceName: name });
export const daemonSet = (ns: string, name: string, spec: PodSpec) => templated('apps/v1', 'DaemonSet', ns, name, spec);
export const job = (ns: string, name: string, spec: PodSpec, owner?: Owner) => templated('batch/v1', 'Job', ns, name, spec, {}, owner);

export function cronJob(ns: string, name: string, spec: PodSpec): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(ns, name),
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', ...spec } } } } },
  };
}

/** A Deployment with its ReplicaSet and `pods` pods (pods may differ from the template: injected sidecars). */
function deployed(ns: string, name: string, spec: PodSpec, pods: number, podSpec: PodSpec = spec): KubeObject[] {
  const d = deployment(ns, name, spec, pods);
  const rs = replicaSet(ns, `${name}-7d9f8`, spec, d);
  const out = [d, rs];
  for (let i = 0; i < pods; i++) out.push(pod(ns, `${name}-7d9f8-${'abcdefgh'[i]}x2k`, podSpec, rs));
  return out;
}

export function sampleCluster(): KubeObject[] {
  uidSeq = 0;
  const out: KubeObject[] = [];
  // shop: enforces baseline. web breaks it (privileged); cart's pods carry an injected sidecar
  // that adds NET_ADMIN (its template alone passes); api is scaled to zero and meets restricted.
  out.push(namespace('shop', { 'pod-security.kubernetes.io/enforce': 'baseline' }));
  out.push(...deployed('shop', 'web', PRIVILEGED_SPEC, 3));
  out.push(deployment('shop', 'api', RESTRICTED_SPEC, 0));
  const sidecar = {
    ...BASELINE_SPEC,
    containers: [...BASELINE_SPEC.containers!, { name: 'proxy', image: 'registry.example/proxy:1', securityContext: { capabilities: { add: ['NET_ADMIN'] } } }],
  };
  out.push(...deployed('shop', 'cart', BASELINE_SPEC, 1, sidecar));
  // batch: no labels (privileged). A CronJob with a hostPath volume, its Job and pod; a bare pod.
  out.push(namespace('batch'));
  const cj = cronJob('batch', 'nightly', HOSTPATH_SPEC);
  const j = job('batch', 'nightly-28990000', { restartPolicy: 'OnFailure', ...HOSTPATH_SPEC }, cj);
  out.push(cj, j, pod('batch', 'nightly-28990000-q8x7z', { ...HOSTPATH_SPEC, restartPolicy: 'OnFailure' }, j), pod('batch', 'debug', BASELINE_SPEC));
  // secure: enforces restricted at v1.30 and everything meets it.
  out.push(
    namespace('secure', {
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
      'pod-security.kubernetes.io/warn': 'restricted',
    }),
  );
  const db = statefulSet('secure', 'db', RESTRICTED_SPEC);
  out.push(db, pod('secure', 'db-0', RESTRICTED_SPEC, db), pod('secure', 'db-1', RESTRICTED_SPEC, db));
  // ready: only audits restricted, and could enforce it today.
  out.push(namespace('ready', { 'pod-security.kubernetes.io/audit': 'restricted' }));
  out.push(...deployed('ready', 'frontend', RESTRICTED_SPEC, 2));
  // kube-system: a privileged DaemonSet and a static pod mirrored from node-1 (owned by the Node).
  out.push(namespace('kube-system'));
  const proxy = daemonSet('kube-system', 'kube-proxy', { hostNetwork: true, ...PRIVILEGED_SPEC });
  out.push(proxy, pod('kube-system', 'kube-proxy-abcde', { hostNetwork: true, ...PRIVILEGED_SPEC }, proxy));
  out.push(
    pod(
      'kube-system',
      'kube-apiserver-node-1',
      { hostNetwork: true, ...BASELINE_SPEC },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', uid: uid() } },
    ),
  );
  // secret: the auditor may not list anything in it (the server answers 403).
  out.push(namespace('secret', { 'pod-security.kubernetes.io/enforce': 'restricted' }));
  out.push(pod('secret', 'hidden', PRIVILEGED_SPEC));
  // bad-labels: an enforce label PSA cannot parse, so it enforces restricted (fails closed).
  out.push(namespace('bad-labels', { 'pod-security.kubernetes.io/enforce': 'strict' }));
  out.push(pod('bad-labels', 'tool', BASELINE_SPEC));
  // rollouts: a ReplicaSet owned by an Argo Rollout, a kind the audit does not list.
  out.push(namespace('rollouts'));
  const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'canary', uid: uid() } };
  const rrs = replicaSet('rollouts', 'canary-6f5d4', BASELINE_SPEC, rollout);
  out.push(rrs, pod('rollouts', 'canary-6f5d4-p1', BASELINE_SPEC, rrs), pod('rollouts', 'canary-6f5d4-p2', BASELINE_SPEC, rrs));
  return out;
}

/** The server refuses everything in `secret`. */
export const SECRET_FORBIDDEN = [{ namespace: 'secret', resource: '*' }];

/** What a correct audit of sampleCluster() finds (with `secret` forbidden). */
export const EXPECTED: Record<
  string,
  { enforce: string; meets: string; workloads: number; pods: number; failing: { enforce: number; baseline: number; restricted: number } }
> = {
  'bad-labels': { enforce: 'restricted:latest', meets: 'baseline', workloads: 1, pods: 1, failing: { enforce: 1, baseline: 0, restricted: 1 } },
  batch: { enforce: 'privileged:latest', meets: 'privileged', workloads: 2, pods: 2, failing: { enforce: 0, baseline: 1, restricted: 2 } },
  'kube-system': { enforce: 'privileged:latest', meets: 'privileged', workloads: 2, pods: 2, failing: { enforce: 0, baseline: 2, restricted: 2 } },
  ready: { enforce: 'privileged:latest', meets: 'restricted', workloads: 1, pods: 2, failing: { enforce: 0, baseline: 0, restricted: 0 } },
  rollouts: { enforce: 'privileged:latest', meets: 'baseline', workloads: 1, pods: 2, failing: { enforce: 0, baseline: 0, restricted: 1 } },
  secret: { enforce: 'restricted:latest', meets: 'restricted', workloads: 0, pods: 0, failing: { enforce: 0, baseline: 0, restricted: 0 } },
  secure: { enforce: 'restricted:v1.30', meets: 'restricted', workloads: 1, pods: 2, failing: { enforce: 0, baseline: 0, restricted: 0 } },
  shop: { enforce: 'baseline:latest', meets: 'privileged', workloads: 3, pods: 4, failing: { enforce: 2, baseline: 2, restricted: 2 } },
};
