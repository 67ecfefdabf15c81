// Fix for the Pod Security Standards check hostPorts (baseline).

import { valueAt } from '../engine/change';
import { defineFix, type PlannedChange } from '../engine/fix';
import { containerAt } from './shared/pod-paths';

export const hostPorts = defineFix({
  id: 'hostPorts',
  summary: 'Remove hostPort from container ports.',
  remedies: {
    'remove-host-port': {
      safe: false,
      change: 'removes hostPort from each container port that sets one (containerPort stays)',
      rationale: "Clients that reached the pod at the node's address and that port can no longer connect; the port stays open on the pod's own IP.",
      verify:
        'Expose the port through a Service (ClusterIP, or NodePort/LoadBalancer for clients outside the cluster) and ' +
        'point clients at it; `kubectl get svc` and a request from another pod confirm it.',
    },
  },
  plan({ pod, finding }) {
    const changes: PlannedChange<'remove-host-port'>[] = [];
    const manual: string[] = [];
    for (const field of finding.fields) {
      const ref = containerAt(pod, field);
      if (!ref) continue;
      if (valueAt(pod, field) === undefined) {
        // The API server copies containerPort into hostPort for Pods with hostNetwork (SetDefaults_Pod).
        manual.push(`${ref.subject} gets its hostPort from hostNetwork: true; the hostNamespaces fix (--unsafe) removes it`);
        continue;
      }
      changes.push({ remedy: 'remove-host-port', subject: ref.subject, change: { op: 'remove', path: field } });
    }
    return { changes, manual };
  },
});
