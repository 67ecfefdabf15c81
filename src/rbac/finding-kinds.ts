// The catalogue of RBAC findings: one declarative entry per kind (id, severity, why it matters,
// how to fix, and the requests that give it away), so the analysis, the docs, SARIF rules and the
// exceptions loader all read the same list. A kind is reported for a binding when, for every
// entry of `requires`, the binding's role allows at least one of its requests; which namespaces
// count is `where`.

import type { Severity } from '../policies/severity';

/** One request the role is asked about. */
export interface Probe {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  /** The object named; `namespace` stands for the namespace the finding is about. */
  readonly name?: string;
  /** The resource is cluster-scoped: only ClusterRoleBindings can grant it. */
  readonly cluster?: boolean;
}

/**
 * Which namespaces a kind is about:
 * - `any`: every namespace the binding reaches (a ClusterRoleBinding: all, as one finding);
 * - `privileged` / `baseline`: namespaces whose enforced level is that one (and not exempt);
 * - `exempt`: namespaces the PodSecurityConfiguration exempts;
 * - `exempt-runtime-class`: namespaces that check pods, while some runtime class is exempt;
 * - `exempt-user`: namespaces that check pods, for subjects (or controllers) whose username is exempt;
 * - `itself`: each namespace the binding reaches, asking about that namespace object by name;
 * - `cluster`: cluster-scoped requests (one finding, no namespace).
 */
export type Where = 'any' | 'privileged' | 'baseline' | 'exempt' | 'exempt-runtime-class' | 'exempt-user' | 'itself' | 'cluster';

export interface FindingKind {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly remediation: string;
  readonly references: readonly { readonly title: string; readonly url: string }[];
  readonly where: Where;
  readonly requires: readonly (readonly Probe[])[];
}

const WRITE = ['create', 'update', 'patch'] as const;

function probes(verbs: readonly string[], group: string, resources: readonly string[], extra: Partial<Probe> = {}): Probe[] {
  return resources.flatMap((resource) => verbs.map((verb) => ({ verb, group, resource, ...extra })));
}

/**
 * Everything that makes a pod run in a namespace: pods themselves, every controller that creates them
 * from a template it is given, and ephemeral containers added to running pods.
 */
export const POD_RUNNERS: readonly Probe[] = [
  { verb: 'create', group: '', resource: 'pods' },
  ...probes(['update', 'patch'], '', ['pods'], { subresource: 'ephemeralcontainers' }),
  ...probes(WRITE, 'apps', ['deployments', 'replicasets', 'statefulsets', 'daemonsets']),
  ...probes(WRITE, 'batch', ['jobs', 'cronjobs']),
  ...probes(WRITE, '', ['replicationcontrollers']),
];

/**
 * kube-controller-manager's controllers create pods under their own service accounts
 * (--use-service-account-credentials): exempting one of those usernames exempts every pod made
 * from the workloads it handles. The Pod Security docs warn about exactly this.
 */
export const CONTROLLER_USERNAMES: Readonly<Record<string, readonly Probe[]>> = {
  'system:serviceaccount:kube-system:replicaset-controller': probes(WRITE, 'apps', ['replicasets', 'deployments']),
  'system:serviceaccount:kube-system:replication-controller': probes(WRITE, '', ['replicationcontrollers']),
  'system:serviceaccount:kube-system:statefulset-controller': probes(WRITE, 'apps', ['statefulsets']),
  'system:serviceaccount:kube-system:daemon-set-controller': probes(WRITE, 'apps', ['daemonsets']),
  'system:serviceaccount:kube-system:job-controller': probes(WRITE, 'batch', ['jobs', 'cronjobs']),
};

const PSA_DOCS = { title: 'Kubernetes: Pod Security Admission', url: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/' };
const PSA_EXEMPTIONS = {
  title: 'Kubernetes: Pod Security Admission exemptions',
  url: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/#exemptions',
};
const RBAC_GOOD = { title: 'Kubernetes: Role Based Access Control Good Practices', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/' };
const RBAC_ESCALATION = {
  title: 'Kubernetes: RBAC privilege escalation prevention',
  url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
};
const CIS = { title: 'CIS Kubernetes Benchmark 5.1 (RBAC and service accounts)', url: 'https://www.cisecurity.org/benchmark/kubernetes' };

const RUN_PODS_FIX =
  "Grant pod and workload creation only in namespaces that enforce baseline or restricted; use a RoleBinding in the team's own namespace instead of a ClusterRoleBinding, and label namespaces pod-security.kubernetes.io/enforce=restricted.";

export const FINDING_KINDS: readonly FindingKind[] = [
  {
    id: 'rbac-create-pods-privileged-namespace',
    title: 'Can run pods in a namespace that enforces privileged',
    severity: 'critical',
    rationale:
      "Pod Security Admission checks nothing in a namespace whose enforced level is privileged: whoever can create a pod there (directly, through a Deployment, Job, CronJob or any other controller, or by adding an ephemeral container) can run a privileged container with the host's namespaces and filesystem, and so take over the node and everything scheduled on it.",
    remediation: RUN_PODS_FIX,
    references: [PSA_DOCS, RBAC_GOOD],
    where: 'privileged',
    requires: [POD_RUNNERS],
  },
  {
    id: 'rbac-create-pods-baseline-namespace',
    title: 'Can run pods in a namespace that enforces only baseline',
    severity: 'medium',
    rationale:
      'Baseline stops the known privilege escalations, but pods may still run as root, keep the default capabilities, escalate privileges and run without a seccomp profile: one container escape away from the node.',
    remediation:
      'Enforce restricted in namespaces where these subjects run pods (pod-security.kubernetes.io/enforce=restricted), or narrow the binding to the namespaces that must stay at baseline.',
    references: [PSA_DOCS],
    where: 'baseline',
    requires: [POD_RUNNERS],
  },
  {
    id: 'rbac-create-pods-exempt-namespace',
    title: 'Can run pods in a namespace Pod Security Admission exempts',
    severity: 'critical',
    rationale:
      'The PodSecurityConfiguration exempts this namespace: no level is enforced there whatever its labels say, so pod creators can run privileged pods and take over nodes.',
    remediation:
      'Keep exempt namespaces to the few system namespaces that need it and bind pod creation there only to their controllers; move workloads out of exempt namespaces.',
    references: [PSA_EXEMPTIONS, RBAC_GOOD],
    where: 'exempt',
    requires: [POD_RUNNERS],
  },
  {
    id: 'rbac-create-pods-exempt-runtime-class',
    title: 'Can run pods with a runtime class Pod Security Admission exempts',
    severity: 'high',
    rationale:
      'The PodSecurityConfiguration exempts pods by runtimeClassName. Anyone who can create pods can set that runtime class, and their pods are not checked, whatever the namespace enforces.',
    remediation:
      'Remove runtime classes from the exemptions, or restrict which pods may use them with a ValidatingAdmissionPolicy (podguard can generate one) so that only the intended workloads do.',
    references: [PSA_EXEMPTIONS],
    where: 'exempt-runtime-class',
    requires: [POD_RUNNERS],
  },
  {
    id: 'rbac-create-pods-exempt-user',
    title: 'Pods this subject creates are exempt from Pod Security Admission',
    severity: 'critical',
    rationale:
      "The PodSecurityConfiguration exempts requests by this username, or by the controller that turns these workloads into pods: the pods are never checked. Exempting a controller's service account exempts everyone who can create the workloads it handles.",
    remediation: 'Do not exempt controller service accounts; exempt only the few users that must bypass the checks, and give them no other permissions.',
    references: [PSA_EXEMPTIONS],
    where: 'exempt-user',
    requires: [POD_RUNNERS],
  },
  {
    id: 'rbac-patch-namespace',
    title: "Can change a namespace's Pod Security labels",
    severity: 'critical',
    rationale:
      'Whoever can update or patch a Namespace can set pod-security.kubernetes.io/enforce=privileged on it and then run privileged pods there. A RoleBinding is enough for the namespace it is in: the request to patch namespace N is authorized in namespace N.',
    remediation:
      'Do not grant update or patch on namespaces to workload owners (the built-in admin and edit roles do not); let namespace labels be managed by the platform team, and protect them with a ValidatingAdmissionPolicy.',
    references: [PSA_DOCS, RBAC_GOOD],
    where: 'itself',
    requires: [
      [
        { verb: 'update', group: '', resource: 'namespaces', name: 'namespace' },
        { verb: 'patch', group: '', resource: 'namespaces', name: 'namespace' },
      ],
    ],
  },
  {
    id: 'rbac-edit-admission-webhooks',
    title: 'Can change or delete admission webhooks',
    severity: 'critical',
    rationale:
      "Validating and mutating webhook configurations decide which admission webhooks run. Whoever can edit or delete them can switch podguard's webhook (and every other policy engine) off, or add a mutating webhook that rewrites every pod.",
    remediation:
      'Grant write access to validatingwebhookconfigurations and mutatingwebhookconfigurations only to the cluster administrators and the controllers that install webhooks.',
    references: [RBAC_GOOD],
    where: 'cluster',
    requires: [
      [
        ...probes(
          [...WRITE, 'delete', 'deletecollection'],
          'admissionregistration.k8s.io',
          ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'],
          { cluster: true },
        ),
      ],
    ],
  },
  {
    id: 'rbac-edit-admission-policies',
    title: 'Can change or delete admission policies and their bindings',
    severity: 'high',
    rationale:
      'ValidatingAdmissionPolicies (and MutatingAdmissionPolicies) and their bindings are in-process admission control; whoever can edit or delete them can turn those guards off or change what they enforce.',
    remediation: 'Grant write access to admission policies and bindings only to the cluster administrators.',
    references: [RBAC_GOOD],
    where: 'cluster',
    requires: [
      [
        ...probes(
          [...WRITE, 'delete', 'deletecollection'],
          'admissionregistration.k8s.io',
          ['validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings'],
          { cluster: true },
        ),
      ],
    ],
  },
  {
    id: 'rbac-pod-exec',
    title: 'Can exec into, attach to or port-forward to pods',
    severity: 'high',
    rationale:
      'exec and attach run commands inside existing containers, with their service account tokens, secrets and privileges; port-forward reaches ports that no Service exposes. A privileged pod anyone may exec into is a node takeover.',
    remediation: "Grant pods/exec, pods/attach and pods/portforward only for debugging, in the team's own namespaces, ideally for a limited time.",
    references: [RBAC_GOOD],
    where: 'any',
    requires: [probes(['create'], '', ['pods'], {}).flatMap((p) => ['exec', 'attach', 'portforward'].map((subresource) => ({ ...p, subresource })))],
  },
  {
    id: 'rbac-nodes-proxy',
    title: 'Can reach the kubelet API through nodes/proxy',
    severity: 'critical',
    rationale:
      "nodes/proxy forwards requests to the kubelet's API, which runs commands in any container on the node; get is enough (the kubelet's exec works over a WebSocket GET), and the requests bypass admission and audit of the pods they touch.",
    remediation:
      'Grant nodes/proxy to no one but the monitoring components that need it, and prefer nodes/metrics, nodes/stats or nodes/log for read-only access.',
    references: [RBAC_GOOD],
    where: 'cluster',
    requires: [probes(['get', 'create'], '', ['nodes'], { subresource: 'proxy', cluster: true })],
  },
  {
    id: 'rbac-escalate',
    title: 'Can escalate: write roles with permissions it does not have',
    severity: 'critical',
    rationale:
      "The escalate verb on roles or clusterroles lifts RBAC's escalation check: the subject can add any permission, including cluster-admin's, to a role it is bound to.",
    remediation: 'Remove escalate from every role except those of the cluster administrators.',
    references: [RBAC_ESCALATION],
    where: 'any',
    requires: [[...probes(['escalate'], 'rbac.authorization.k8s.io', ['roles']), ...probes(['escalate'], 'rbac.authorization.k8s.io', ['clusterroles'])]],
  },
  {
    id: 'rbac-bind',
    title: 'Can bind roles it does not hold',
    severity: 'critical',
    rationale:
      'The bind verb lets a subject create bindings to roles with more permissions than its own, cluster-admin included (in a namespace, bind on clusterroles is enough to bind cluster-admin there).',
    remediation: 'Remove bind, or restrict it with resourceNames to the few roles the subject may hand out.',
    references: [RBAC_ESCALATION],
    where: 'any',
    requires: [[...probes(['bind'], 'rbac.authorization.k8s.io', ['roles']), ...probes(['bind'], 'rbac.authorization.k8s.io', ['clusterroles'])]],
  },
  {
    id: 'rbac-impersonate',
    title: 'Can impersonate users, groups or service accounts',
    severity: 'critical',
    rationale: 'With impersonate a subject acts as another user, group (system:masters included) or service account, with all of their permissions.',
    remediation: 'Grant impersonate only with resourceNames, to the identities a tool must act as, and never for groups.',
    references: [RBAC_GOOD],
    where: 'any',
    requires: [
      [
        ...probes(['impersonate'], '', ['users', 'groups'], { cluster: true }),
        ...probes(['impersonate'], '', ['serviceaccounts']),
        ...probes(['impersonate'], 'authentication.k8s.io', ['userextras', 'uids'], { cluster: true }),
      ],
    ],
  },
  {
    id: 'rbac-create-serviceaccount-token',
    title: 'Can create service account tokens',
    severity: 'high',
    rationale:
      "create on serviceaccounts/token mints a token for any service account in the namespace, and so acts with that account's permissions, a controller's included.",
    remediation: 'Grant serviceaccounts/token create only to the components that hand out tokens, restricted with resourceNames.',
    references: [RBAC_GOOD],
    where: 'any',
    requires: [probes(['create'], '', ['serviceaccounts'], { subresource: 'token' })],
  },
  {
    id: 'rbac-read-secrets',
    title: 'Can read secrets',
    severity: 'high',
    rationale:
      'get, list or watch on secrets reveals every secret in scope, service account tokens and TLS keys included (list and watch return the contents too).',
    remediation: 'Grant access to secrets only with resourceNames, to the secrets a workload needs; never list or watch cluster-wide.',
    references: [RBAC_GOOD, CIS],
    where: 'any',
    requires: [probes(['get', 'list', 'watch'], '', ['secrets'])],
  },
  {
    id: 'rbac-approve-csr',
    title: 'Can approve certificate signing requests',
    severity: 'high',
    rationale:
      'Approving a CertificateSigningRequest for the kube-apiserver-client signer issues a client certificate for any user and groups the requester chose, system:masters included.',
    remediation: 'Grant the approval subresource and approve on signers only to the approving controllers, restricted to the signers they handle.',
    references: [
      {
        title: 'Kubernetes: Certificate Signing Requests, authorization',
        url: 'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
      },
    ],
    where: 'cluster',
    requires: [
      probes(['update', 'patch'], 'certificates.k8s.io', ['certificatesigningrequests'], { subresource: 'approval', cluster: true }),
      [
        { verb: 'approve', group: 'certificates.k8s.io', resource: 'signers', name: 'kubernetes.io/kube-apiserver-client', cluster: true },
        { verb: 'approve', group: 'certificates.k8s.io', resource: 'signers', name: 'kubernetes.io/*', cluster: true },
      ],
    ],
  },
  {
    id: 'rbac-sign-csr',
    title: 'Can sign certificate signing requests',
    severity: 'high',
    rationale: "Writing the status of a CertificateSigningRequest with sign on a signer issues certificates in that signer's name.",
    remediation: 'Grant the status subresource and sign on signers only to the signing controllers.',
    references: [
      {
        title: 'Kubernetes: Certificate Signing Requests, authorization',
        url: 'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
      },
    ],
    where: 'cluster',
    requires: [
      probes(['update', 'patch'], 'certificates.k8s.io', ['certificatesigningrequests'], { subresource: 'status', cluster: true }),
      [
        { verb: 'sign', group: 'certificates.k8s.io', resource: 'signers', name: 'kubernetes.io/kube-apiserver-client', cluster: true },
        { verb: 'sign', group: 'certificates.k8s.io', resource: 'signers', name: 'kubernetes.io/*', cluster: true },
      ],
    ],
  },
];

export const FINDING_IDS: readonly string[] = FINDING_KINDS.map((k) => k.id);

export function findingKind(id: string): FindingKind | undefined {
  return FINDING_KINDS.find((k) => k.id === id);
}
