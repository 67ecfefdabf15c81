// AdmissionReview bodies shaped as kube-apiserver (v1.32) sends them to a webhook: every request
// field it sets (requestKind, requestResource, userInfo with groups, options, dryRun), objects
// after defaulting and the built-in mutating plugins (the service account token volume, the
// default tolerations, status), `oldObject: null` on CREATE and the namespace name as
// `namespace` for namespace requests.

import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../src/k8s/types';

type Json = Record<string, unknown>;

const ADMIN = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
export const REPLICASET_CONTROLLER = {
  username: 'system:serviceaccount:kube-system:replicaset-controller',
  uid: '1d9a4c3e-5f8b-4d62-9a7e-0c2b7f31e4a5',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
};

export interface ContainerOptions {
  readonly name?: string;
  readonly image?: string;
  readonly securityContext?: Json;
  readonly ports?: Json[];
}

function container(c: ContainerOptions, tokenVolume: string | undefined): Json {
  const out: Json = {
    name: c.name ?? 'app',
    image: c.image ?? 'registry.example.com/shop/web:1.4.2',
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
  if (c.ports) out['ports'] = c.ports;
  if (tokenVolume) out['volumeMounts'] = [{ name: tokenVolume, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }];
  if (c.securityContext) out['securityContext'] = c.securityContext;
  return out;
}

function tokenVolume(name: string): Json {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  };
}

export interface PodOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly containers?: readonly ContainerOptions[];
  readonly initContainers?: readonly ContainerOptions[];
  readonly ephemeralContainers?: readonly ContainerOptions[];
  readonly securityContext?: Json;
  readonly annotations?: Record<string, string>;
  readonly labels?: Record<string, string>;
  readonly runtimeClassName?: string;
  readonly hostNetwork?: boolean;
  readonly ownerUid?: string;
  readonly os?: string;
  readonly extraSpec?: Json;
}

/** A pod spec as the API server stores it. */
export function podSpec(o: Omit<PodOptions, 'name'>, token = 'kube-api-access-7xk2p'): Json {
  const spec: Json = {
    volumes: [tokenVolume(token)],
    containers: (o.containers ?? [{}]).map((c) => container(c, token)),
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    serviceAccount: 'default',
    securityContext: o.securityContext ?? {},
    schedulerName: 'default-scheduler',
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    ...o.extraSpec,
  };
  if (o.initContainers) spec['initContainers'] = o.initContainers.map((c) => container(c, token));
  if (o.ephemeralContainers) {
    spec['ephemeralContainers'] = o.ephemeralContainers.map((c) => ({
      ...container({ name: 'debugger', image: 'busybox:1.36', ...c }, undefined),
      stdin: true,
      tty: true,
      targetContainerName: 'app',
    }));
  }
  if (o.runtimeClassName) spec['runtimeClassName'] = o.runtimeClassName;
  if (o.hostNetwork) spec['hostNetwork'] = true;
  if (o.os) spec['os'] = { name: o.os };
  return spec;
}

/** fieldsV1 of a container as server-side field tracking records it. */
function containerFields(c: Json): Json {
  const f: Json = { '.': {} };
  for (const k of Object.keys(c).sort()) {
    if (k === 'volumeMounts')
      f['f:volumeMounts'] = {
        '.': {},
        'k:{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}': { '.': {}, 'f:mountPath': {}, 'f:name': {}, 'f:readOnly': {} },
      };
    else if (k === 'securityContext') f['f:securityContext'] = { '.': {}, ...Object.fromEntries(Object.keys(c[k] as Json).map((x) => [`f:${x}`, {}])) };
    else if (k === 'ports')
      f['f:ports'] = {
        '.': {},
        ...Object.fromEntries(
          (c[k] as Json[]).map((p) => [
            `k:{"containerPort":${String(p['containerPort'])},"protocol":"TCP"}`,
            { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
          ]),
        ),
      };
    else f[`f:${k}`] = {};
  }
  return f;
}

/**
 * managedFields as the API server keeps them for a pod applied with kubectl and then run: the
 * client's entry (every field it set, keyed the way field tracking keys them) and the kubelet's
 * status entry. They are a large part of every real AdmissionReview.
 */
function managedFields(spec: Json): Json[] {
  const containers = spec['containers'] as Json[];
  const specFields: Json = {
    'f:containers': Object.fromEntries(containers.map((c) => [`k:{"name":"${String(c['name'])}"}`, containerFields(c)])),
    'f:dnsPolicy': {},
    'f:enableServiceLinks': {},
    'f:restartPolicy': {},
    'f:schedulerName': {},
    'f:securityContext': {},
    'f:terminationGracePeriodSeconds': {},
  };
  const time = '2025-11-04T09:12:44Z';
  return [
    {
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      apiVersion: 'v1',
      time,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} }, 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': specFields,
      },
    },
    {
      manager: 'kubelet',
      operation: 'Update',
      apiVersion: 'v1',
      time,
      fieldsType: 'FieldsV1',
      subresource: 'status',
      fieldsV1: {
        'f:status': {
          'f:conditions': Object.fromEntries(
            ['ContainersReady', 'Initialized', 'PodReadyToStartContainers', 'PodScheduled', 'Ready'].map((t) => [
              `k:{"type":"${t}"}`,
              { '.': {}, 'f:lastProbeTime': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} },
            ]),
          ),
          'f:containerStatuses': {},
          'f:hostIP': {},
          'f:hostIPs': {},
          'f:phase': {},
          'f:podIP': {},
          'f:podIPs': { '.': {}, 'k:{"ip":"10.244.1.17"}': { '.': {}, 'f:ip': {} } },
          'f:startTime': {},
        },
      },
    },
  ];
}

export function pod(o: PodOptions): KubeObject {
  const spec = podSpec(o);
  const metadata: Json = {
    name: o.name,
    namespace: o.namespace ?? 'team-a',
    uid: randomUUID(),
    resourceVersion: '4587113',
    creationTimestamp: '2025-11-04T09:12:44Z',
    labels: o.labels ?? { app: o.name },
    managedFields: managedFields(spec),
  };
  if (o.annotations) metadata['annotations'] = o.annotations;
  if (o.ownerUid)
    metadata['ownerReferences'] = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${o.name}-rs`, uid: o.ownerUid, controller: true, blockOwnerDeletion: true },
    ];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status: { phase: 'Pending', qosClass: 'BestEffort' } };
}

/** Containers and pod settings that pass restricted:latest. */
export const RESTRICTED_CONTAINER: ContainerOptions = {
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
};
export const RESTRICTED_POD_SC = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

export function restrictedPod(name: string, namespace = 'team-a', extra: Partial<PodOptions> = {}): KubeObject {
  return pod({ name, namespace, containers: [RESTRICTED_CONTAINER], securityContext: RESTRICTED_POD_SC, ...extra });
}

/** The forbidden reasons of baselinePod() at restricted, as PSA lists them. */
export const BASELINE_POD_REASONS = 'allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile';

/** A pod that passes baseline but not restricted. */
export function baselinePod(name: string, namespace = 'team-a', extra: Partial<PodOptions> = {}): KubeObject {
  return pod({ name, namespace, ...extra });
}

export function privilegedPod(name: string, namespace = 'team-a', extra: Partial<PodOptions> = {}): KubeObject {
  return pod({ name, namespace, containers: [{ securityContext: { privileged: true } }], ...extra });
}

// --- AdmissionReview requests -----------------------------------------------------------------

const WORKLOADS: Readonly<Record<string, { group: string; version: string; resource: string }>> = {
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets' },
  Job: { group: 'batch', version: 'v1', resource: 'jobs' },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs' },
  ReplicationController: { group: '', version: 'v1', resource: 'replicationcontrollers' },
  PodTemplate: { group: '', version: 'v1', resource: 'podtemplates' },
};
export const WORKLOAD_KINDS = Object.keys(WORKLOADS);

export interface RequestOptions {
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  readonly kind: { group: string; version: string; kind: string };
  readonly resource: { group: string; version: string; resource: string };
  readonly subResource?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly object: unknown;
  readonly oldObject?: unknown;
  readonly dryRun?: boolean;
  readonly user?: { username: string; uid?: string; groups: string[] };
  readonly uid?: string;
}

const OPTIONS_KIND = { CREATE: 'CreateOptions', UPDATE: 'UpdateOptions', DELETE: 'DeleteOptions', CONNECT: undefined } as const;

export function review(o: RequestOptions): Json {
  const request: Json = {
    uid: o.uid ?? randomUUID(),
    kind: o.kind,
    resource: o.resource,
    requestKind: o.kind,
    requestResource: o.resource,
    name: o.name ?? '',
    operation: o.operation,
    userInfo: o.user ?? ADMIN,
    object: o.object,
    oldObject: o.oldObject ?? null,
    dryRun: o.dryRun ?? false,
  };
  // Go's omitempty: empty subresource and namespace fields are left out.
  if (o.subResource) {
    request['subResource'] = o.subResource;
    request['requestSubResource'] = o.subResource;
  }
  if (o.namespace) request['namespace'] = o.namespace;
  const optionsKind = OPTIONS_KIND[o.operation];
  if (optionsKind)
    request['options'] = { kind: optionsKind, apiVersion: 'meta.k8s.io/v1', fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' };
  return { kind: 'AdmissionReview', apiVersion: 'admission.k8s.io/v1', request };
}

const POD_KIND = { group: '', version: 'v1', kind: 'Pod' };
const PODS = { group: '', version: 'v1', resource: 'pods' };

export function podCreate(p: KubeObject, extra: Partial<RequestOptions> = {}): Json {
  return review({
    operation: 'CREATE',
    kind: POD_KIND,
    resource: PODS,
    name: String(p.metadata?.name),
    namespace: String(p.metadata?.namespace),
    object: p,
    ...extra,
  });
}

export function podUpdate(p: KubeObject, old: KubeObject, extra: Partial<RequestOptions> = {}): Json {
  return review({
    operation: 'UPDATE',
    kind: POD_KIND,
    resource: PODS,
    name: String(p.metadata?.name),
    namespace: String(p.metadata?.namespace),
    object: p,
    oldObject: old,
    ...extra,
  });
}

/** A workload of `kind` whose pod template is `template` (a pod from pod()). */
export function workload(kind: string, name: string, template: KubeObject, namespace = 'team-a'): KubeObject {
  const tpl = { metadata: { labels: { app: name }, creationTimestamp: null }, spec: template['spec'] };
  const w = WORKLOADS[kind]!;
  const apiVersion = w.group === '' ? 'v1' : `${w.group}/${w.version}`;
  const metadata = { name, namespace, uid: randomUUID(), generation: 1, creationTimestamp: '2025-11-04T09:12:44Z', labels: { app: name } };
  switch (kind) {
    case 'PodTemplate':
      return { apiVersion, kind, metadata, template: tpl };
    case 'CronJob':
      return {
        apiVersion,
        kind,
        metadata,
        spec: {
          schedule: '*/5 * * * *',
          concurrencyPolicy: 'Allow',
          suspend: false,
          jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: { ...tpl, spec: { ...(tpl.spec as Json), restartPolicy: 'OnFailure' } } } },
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 1,
        },
        status: {},
      };
    case 'Job':
      return {
        apiVersion,
        kind,
        metadata,
        spec: {
          parallelism: 1,
          completions: 1,
          backoffLimit: 6,
          completionMode: 'NonIndexed',
          suspend: false,
          template: { ...tpl, spec: { ...(tpl.spec as Json), restartPolicy: 'Never' } },
        },
        status: {},
      };
    case 'ReplicationController':
      return { apiVersion, kind, metadata, spec: { replicas: 2, selector: { app: name }, template: tpl }, status: { replicas: 0 } };
    default:
      return {
        apiVersion,
        kind,
        metadata,
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: name } },
          template: tpl,
          revisionHistoryLimit: 10,
          ...(kind === 'Deployment'
            ? { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, progressDeadlineSeconds: 600 }
            : {}),
        },
        status: {},
      };
  }
}

export function workloadCreate(obj: KubeObject, extra: Partial<RequestOptions> = {}): Json {
  const kind = String(obj.kind);
  const w = WORKLOADS[kind]!;
  return review({
    operation: 'CREATE',
    kind: { group: w.group, version: w.version, kind },
    resource: w,
    name: String(obj.metadata?.name),
    namespace: String(obj.metadata?.namespace),
    object: obj,
    ...extra,
  });
}

export function namespaceObject(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: randomUUID(), creationTimestamp: '2025-11-01T08:00:00Z', labels: { 'kubernetes.io/metadata.name': name, ...labels } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

const NS_KIND = { group: '', version: 'v1', kind: 'Namespace' };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };

export function namespaceCreate(name: string, labels: Record<string, string>): Json {
  // A create request has no namespace: the request path is /api/v1/namespaces.
  return review({ operation: 'CREATE', kind: NS_KIND, resource: NAMESPACES, name, object: namespaceObject(name, labels) });
}

export function namespaceUpdate(name: string, labels: Record<string, string>, oldLabels: Record<string, string>): Json {
  // For /api/v1/namespaces/{name}, the API server's request info names the namespace itself.
  return review({
    operation: 'UPDATE',
    kind: NS_KIND,
    resource: NAMESPACES,
    name,
    namespace: name,
    object: namespaceObject(name, labels),
    oldObject: namespaceObject(name, oldLabels),
  });
}

export const LABEL = {
  enforce: 'pod-security.kubernetes.io/enforce',
  enforceVersion: 'pod-security.kubernetes.io/enforce-version',
  audit: 'pod-security.kubernetes.io/audit',
  auditVersion: 'pod-security.kubernetes.io/audit-version',
  warn: 'pod-security.kubernetes.io/warn',
  warnVersion: 'pod-security.kubernetes.io/warn-version',
} as const;
