// Fix for the Pod Security Standards check hostProbesAndHostLifecycle (baseline).

import { defineFix } from '../engine/fix';
import { removeEachField } from './shared/each-field';

export const hostProbesAndHostLifecycle = defineFix({
  id: 'hostProbesAndHostLifecycle',
  summary: "Remove the host field of probes and lifecycle hooks, so they target the pod's own IP.",
  remedies: {
    'remove-host': {
      safe: false,
      change: "removes host from httpGet and tcpSocket probes and lifecycle hooks; they then go to the pod's IP",
      rationale:
        'A probe or hook that pointed at another address (the node, another service) now checks the pod itself; ' +
        'one that pointed at 127.0.0.1 reached the node rather than the pod, and now reaches the pod.',
      verify: "Make sure the endpoint listens on the pod's IP (not only on localhost): `kubectl describe pod` shows failing probes.",
    },
  },
  plan: removeEachField('remove-host'),
});
