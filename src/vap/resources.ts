// What the API server knows about an object's type when it builds an admission request: its
// group, version, plural resource name and scope. Offline there is no discovery, so the built-in
// kinds are a table and any other kind is guessed as the REST mapper guesses it
// (k8s.io/apimachinery/pkg/api/meta/restmapper.go UnsafeGuessKindToResource), its scope read off
// the object (a namespace in its metadata).

export interface GroupVersionResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

/** Built-in cluster-scoped kinds (everything else built in is namespaced). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'CustomResourceDefinition',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'PriorityClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'IngressClass',
  'APIService',
  'CertificateSigningRequest',
]);

/** Plurals that the guess gets wrong. */
const IRREGULAR: Readonly<Record<string, string>> = { Endpoints: 'endpoints' };

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** UnsafeGuessKindToResource: lower-case; "s" → "ses", consonant+"y" → "ies", else + "s". */
export function guessResource(kind: string): string {
  if (IRREGULAR[kind] !== undefined) return IRREGULAR[kind];
  const lower = kind.toLowerCase();
  if (lower === '') return lower;
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y') && lower.length > 1 && !'aeiou'.includes(lower[lower.length - 2]!)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

export function resourceOf(apiVersion: string, kind: string): GroupVersionResource {
  return { ...splitApiVersion(apiVersion), resource: guessResource(kind) };
}

/** Whether objects of this kind live in a namespace (for unknown kinds: whether this one names one). */
export function isNamespaced(kind: string, object: { metadata?: { namespace?: unknown } }): boolean {
  if (CLUSTER_SCOPED.has(kind)) return false;
  return KNOWN_NAMESPACED.has(kind) || typeof object.metadata?.namespace === 'string';
}

const KNOWN_NAMESPACED = new Set([
  'Pod',
  'PodTemplate',
  'ReplicationController',
  'Service',
  'ServiceAccount',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Role',
  'RoleBinding',
  'Ingress',
  'NetworkPolicy',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'LimitRange',
  'ResourceQuota',
  'Lease',
  'Event',
]);
