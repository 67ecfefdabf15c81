// Fix for the hardening policy service-account-token-mounted.

import { defineFix } from '../engine/fix';
import { setEachField } from './shared/each-field';

export const serviceAccountTokenMounted = defineFix({
  id: 'service-account-token-mounted',
  summary: 'Stop mounting the service account token.',
  remedies: {
    'no-token': {
      safe: false,
      change: 'sets automountServiceAccountToken: false on the pod',
      rationale:
        'The containers no longer get Kubernetes API credentials: anything that calls the API (operators, controllers, client libraries, leader election) fails to authenticate.',
      verify:
        'Check whether the app talks to the Kubernetes API (a client library among its dependencies, KUBERNETES_SERVICE_HOST in its code or config); mount a projected token only where it does.',
    },
  },
  plan: setEachField('no-token', false),
});
