// Fix for the hardening policy host-user-namespace.

import { defineFix } from '../engine/fix';
import { setEachField } from './shared/each-field';

export const hostUserNamespace = defineFix({
  id: 'host-user-namespace',
  summary: 'Run the pod in its own user namespace (hostUsers: false).',
  remedies: {
    'user-namespace': {
      safe: false,
      change: 'sets hostUsers: false on the pod',
      rationale:
        "The pod's users map to unprivileged users on the node. Nodes need support (Linux 6.3 or later, a runtime with " +
        'user namespaces, idmapped mounts for volumes); without it the pod does not start, and volumes of types that ' +
        'cannot be idmapped are refused.',
      verify: 'Check with the cluster owner that nodes support user namespaces, then start the pod in a test namespace and check its volumes are writable.',
    },
  },
  plan: setEachField('user-namespace', false),
});
