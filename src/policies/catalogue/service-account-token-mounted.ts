/*
Unless automountServiceAccountToken is false, every container gets an API token for the pod's
service account at /var/run/secrets/kubernetes.io/serviceaccount.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { perPod } from '../visit';

export const serviceAccountTokenMounted: PodPolicy = {
  id: 'service-account-token-mounted',
  title: 'Service account token mounted',
  severity: 'low',
  category: 'isolation',
  preset: 'strict',
  rationale:
    "Most workloads never call the Kubernetes API, yet every container gets a token for the pod's service account. A " +
    'compromised container can use it to read or change whatever RBAC grants that account, and probe the API server. ' +
    'The manifest alone cannot tell whether the workload needs the API, hence the strict preset.',
  remediation:
    'Set spec.automountServiceAccountToken: false on pods that do not call the API (or on their ServiceAccount); pods that ' +
    'do should use a dedicated service account with minimal RBAC, and an exception here.',
  references: [REF.serviceAccounts, REF.nsa, REF.cis('5.1.6', 'Ensure that Service Account Tokens are only mounted where necessary')],
  check: perPod(
    (spec) => spec.automountServiceAccountToken !== false,
    () => [
      { detail: 'pod does not set automountServiceAccountToken=false, so every container gets an API token', fields: ['spec.automountServiceAccountToken'] },
    ],
  ),
};
