/*
Unless hostUsers is false, the pod runs in the node's user namespace: UID 0 in the container is
UID 0 on the node.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { isWindowsPod } from '../resolve';
import { perPod } from '../visit';

export const hostUserNamespace: PodPolicy = {
  id: 'host-user-namespace',
  title: 'User namespace not used',
  severity: 'low',
  category: 'isolation',
  preset: 'strict',
  rationale:
    'With hostUsers: false the pod gets its own user namespace: root and every other UID inside it map to unprivileged IDs ' +
    'on the node, and capabilities are only valid inside it, which defuses most escapes. It needs Kubernetes 1.30+ with ' +
    'support in the runtime and the filesystem, hence the strict preset.',
  remediation: 'Set spec.hostUsers: false where the nodes support user namespaces.',
  references: [{ title: 'Kubernetes: User Namespaces', url: 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/' }, REF.nsa],
  check: perPod(
    (spec) => !isWindowsPod(spec) && spec.hostUsers !== false,
    () => [{ detail: "pod does not set hostUsers=false, so its users are the node's users", fields: ['spec.hostUsers'] }],
  ),
};
