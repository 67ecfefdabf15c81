/*
hostNetwork: true puts the pod in the node's network namespace.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { perPod } from '../visit';

export const hostNetwork: PodPolicy = {
  id: 'host-network',
  title: 'Host network namespace shared',
  severity: 'high',
  category: 'isolation',
  preset: 'recommended',
  rationale:
    "The pod shares the node's network namespace: it can bind the node's ports, sniff traffic on the node's interfaces, reach services listening on localhost only (the kubelet's read-only port, cloud metadata proxies, node agents) and bypass NetworkPolicy. Reported at every level, including privileged.",
  remediation: "Remove hostNetwork: true. Expose the workload through a Service; give node agents that truly need the node's network their own exception.",
  references: [REF.pss, REF.nsa, REF.cis('5.2.5', 'Minimize the admission of containers wishing to share the host network namespace')],
  coveredBy: ['hostNamespaces'],
  check: perPod(
    (spec) => spec.hostNetwork === true,
    () => [{ detail: 'pod sets hostNetwork=true', fields: ['spec.hostNetwork'] }],
  ),
};
