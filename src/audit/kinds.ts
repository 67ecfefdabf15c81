// What the audit lists in each namespace: every kind that creates pods, including workloads scaled
// to zero and CronJobs (which Pod Security Admission's own dry-run, sampling running pods, misses).
// Controllers come before what they own so folding sees owners first; `kubectl get` uses the
// same resources (`pods,deploy,sts,ds,rs,rc,jobs,cronjobs`).

export interface ListedKind {
  readonly kind: string;
  readonly apiVersion: string;
  /** The resource name in URLs and RBAC (`cronjobs`), and its group. */
  readonly resource: string;
  readonly group: string;
}

export const LISTED_KINDS: readonly ListedKind[] = [
  { kind: 'CronJob', apiVersion: 'batch/v1', resource: 'cronjobs', group: 'batch' },
  { kind: 'Deployment', apiVersion: 'apps/v1', resource: 'deployments', group: 'apps' },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', resource: 'statefulsets', group: 'apps' },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', resource: 'daemonsets', group: 'apps' },
  { kind: 'ReplicationController', apiVersion: 'v1', resource: 'replicationcontrollers', group: '' },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', resource: 'replicasets', group: 'apps' },
  { kind: 'Job', apiVersion: 'batch/v1', resource: 'jobs', group: 'batch' },
  { kind: 'Pod', apiVersion: 'v1', resource: 'pods', group: '' },
];

/** `/api/v1` for the core group, `/apis/<group>/<version>` otherwise. */
function apiRoot(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** The collection URL of a kind in a namespace. */
export function collectionPath(k: ListedKind, namespace: string): string {
  return `${apiRoot(k.apiVersion)}/namespaces/${encodeURIComponent(namespace)}/${k.resource}`;
}

/** How RBAC and kubectl name the resource: `pods`, `cronjobs.batch`. */
export function resourceName(k: ListedKind): string {
  return k.group === '' ? k.resource : `${k.resource}.${k.group}`;
}

export const NAMESPACES_PATH = '/api/v1/namespaces';
