// A simulated cluster for the audit benchmark, generated on demand: nothing is stored, each page
// the fake API server asks for is built from the namespace's index and the objects' positions, so
// the server itself stays small whatever the size. Every namespace holds the same realistic mix —
// Deployments with ReplicaSets and pods, a StatefulSet, a CronJob with a Job, a few bare pods —
// with pod specs that are restricted, baseline or privileged in fixed proportions, and PSA labels
// that vary by namespace.

import type { KubeObject, PodSpec } from '../../src/k8s/types';
import type { ClusterModel } from '../audit/fake-apiserver';

const DEPLOYMENTS = 8;
const REPLICAS = 5;
const STS_REPLICAS = 5;
/** Pods per namespace in the layout below: 8 × 5 + 5 + 1 + 4. */
export const PODS_PER_NAMESPACE = DEPLOYMENTS * REPLICAS + STS_REPLICAS + 1 + 4;
/** Pod-bearing objects per namespace: the pods plus 8 Deployments, 8 ReplicaSets, a StatefulSet, a CronJob and a Job. */
export const OBJECTS_PER_NAMESPACE = PODS_PER_NAMESPACE + DEPLOYMENTS * 2 + 3;

const pad = (n: number, w = 4) => String(n).padStart(w, '0');

function container(name: string, kind: 'restricted' | 'baseline' | 'privileged'): Record<string, unknown> {
  const securityContext =
    kind === 'restricted'
      ? { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true }
      : kind === 'privileged'
        ? { privileged: true }
        : {};
  return {
    name,
    image: `registry.example.com/team/${name}:1.4.2`,
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    ],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    readinessProbe: {
      httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
      periodSeconds: 10,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    },
    volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    securityContext,
  };
}

/** 60% restricted, 30% baseline, 10% privileged, decided by position so every run is the same. */
function flavour(seed: number): 'restricted' | 'baseline' | 'privileged' {
  const r = (seed * 2654435761) % 10;
  return r < 6 ? 'restricted' : r < 9 ? 'baseline' : 'privileged';
}

function podSpec(seed: number): PodSpec {
  const kind = flavour(seed);
  return {
    ...(kind === 'restricted'
      ? { securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } } }
      : { securityContext: {} }),
    containers: [container('app', kind), container('sidecar', kind === 'privileged' ? 'baseline' : kind)],
    volumes: [{ name: 'config', configMap: { name: 'app-config', defaultMode: 420 } }],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
  } as PodSpec;
}

function meta(ns: string, name: string, uid: string, owner?: { kind: string; apiVersion: string; name: string; uid: string }): Record<string, unknown> {
  return {
    name,
    namespace: ns,
    uid,
    resourceVersion: '48121',
    generation: 1,
    creationTimestamp: '2025-06-01T08:00:00Z',
    labels: { 'app.kubernetes.io/name': name.split('-')[0], 'app.kubernetes.io/part-of': ns },
    annotations: { 'example.com/owner': 'platform-team' },
    ...(owner ? { ownerReferences: [{ ...owner, controller: true, blockOwnerDeletion: true }] } : {}),
  };
}

const POD_STATUS = {
  phase: 'Running',
  conditions: [
    { type: 'Ready', status: 'True', lastTransitionTime: '2025-06-01T08:00:10Z' },
    { type: 'ContainersReady', status: 'True', lastTransitionTime: '2025-06-01T08:00:10Z' },
  ],
  hostIP: '10.0.0.12',
  podIP: '10.244.3.17',
  startTime: '2025-06-01T08:00:01Z',
};

export class GeneratedCluster implements ClusterModel {
  private readonly names: string[];

  constructor(readonly namespaces: number) {
    this.names = Array.from({ length: namespaces }, (_, i) => `team-${pad(i, 5)}`);
  }

  namespaceNames(): readonly string[] {
    return this.names;
  }

  private index(ns: string): number {
    return Number(ns.slice('team-'.length));
  }

  namespace(name: string): KubeObject | undefined {
    const i = this.index(name);
    if (!(i >= 0 && i < this.namespaces)) return undefined;
    const labels: Record<string, string> = { 'kubernetes.io/metadata.name': name };
    if (i % 4 === 0) labels['pod-security.kubernetes.io/enforce'] = 'baseline';
    if (i % 4 === 1) labels['pod-security.kubernetes.io/enforce'] = 'restricted';
    if (i % 4 === 3) labels['pod-security.kubernetes.io/warn'] = 'restricted';
    return {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, uid: `ns-${i}`, resourceVersion: '1', labels },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
  }

  count(_ns: string, resource: string): number {
    switch (resource) {
      case 'deployments':
      case 'replicasets':
        return DEPLOYMENTS;
      case 'statefulsets':
      case 'cronjobs':
      case 'jobs':
        return 1;
      case 'pods':
        return PODS_PER_NAMESPACE;
      default:
        return 0;
    }
  }

  slice(ns: string, resource: string, from: number, to: number): KubeObject[] {
    const n = this.index(ns);
    const out: KubeObject[] = [];
    for (let i = from; i < Math.min(to, this.count(ns, resource)); i++) out.push(this.make(ns, n, resource, i));
    return out;
  }

  private make(ns: string, n: number, resource: string, i: number): KubeObject {
    const seed = (j: number) => n * 100 + j;
    const deploy = (j: number) => ({ kind: 'Deployment', apiVersion: 'apps/v1', name: `d${j}-web`, uid: `${ns}-deploy-${j}` });
    const rs = (j: number) => ({ kind: 'ReplicaSet', apiVersion: 'apps/v1', name: `d${j}-web-6d4cf`, uid: `${ns}-rs-${j}` });
    const template = (j: number) => ({ metadata: { labels: { app: `d${j}` } }, spec: podSpec(seed(j)) });
    switch (resource) {
      case 'deployments': {
        const d = deploy(i);
        return {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: meta(ns, d.name, d.uid),
          spec: { replicas: REPLICAS, selector: { matchLabels: { app: `d${i}` } }, template: template(i) },
        };
      }
      case 'replicasets': {
        const r = rs(i);
        return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(ns, r.name, r.uid, deploy(i)), spec: { replicas: REPLICAS, template: template(i) } };
      }
      case 'statefulsets':
        return {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: meta(ns, 'db', `${ns}-sts`),
          spec: { replicas: STS_REPLICAS, serviceName: 'db', template: { spec: podSpec(seed(50)) } },
        };
      case 'cronjobs':
        return {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: meta(ns, 'nightly', `${ns}-cj`),
          spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { ...podSpec(seed(60)), restartPolicy: 'OnFailure' } } } } },
        };
      case 'jobs':
        return {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: meta(ns, 'nightly-29000000', `${ns}-job`, { kind: 'CronJob', apiVersion: 'batch/v1', name: 'nightly', uid: `${ns}-cj` }),
          spec: { template: { spec: { ...podSpec(seed(60)), restartPolicy: 'OnFailure' } } },
        };
      default: {
        // Pods in name order: Deployment pods, then StatefulSet, Job, and bare pods.
        let owner: { kind: string; apiVersion: string; name: string; uid: string } | undefined;
        let spec: PodSpec;
        if (i < DEPLOYMENTS * REPLICAS) {
          const j = Math.floor(i / REPLICAS);
          owner = rs(j);
          spec = podSpec(seed(j));
        } else if (i < DEPLOYMENTS * REPLICAS + STS_REPLICAS) {
          owner = { kind: 'StatefulSet', apiVersion: 'apps/v1', name: 'db', uid: `${ns}-sts` };
          spec = podSpec(seed(50));
        } else if (i === DEPLOYMENTS * REPLICAS + STS_REPLICAS) {
          owner = { kind: 'Job', apiVersion: 'batch/v1', name: 'nightly-29000000', uid: `${ns}-job` };
          spec = { ...podSpec(seed(60)), restartPolicy: 'OnFailure' };
        } else {
          spec = podSpec(seed(70 + i));
        }
        return {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: meta(ns, `p${pad(i, 3)}-${owner?.name ?? 'tool'}`, `${ns}-pod-${i}`, owner),
          spec: { ...spec, nodeName: 'node-3' },
          status: POD_STATUS,
        };
      }
    }
  }
}
