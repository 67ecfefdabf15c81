// Fix for the hardening policy share-process-namespace.

import { defineFix } from '../engine/fix';
import { setEachField } from './shared/each-field';

export const shareProcessNamespace = defineFix({
  id: 'share-process-namespace',
  summary: 'Give each container its own process namespace.',
  remedies: {
    'own-process-namespace': {
      safe: false,
      change: 'changes shareProcessNamespace: true to false',
      rationale:
        "Containers no longer see or signal each other's processes: sidecars that reload, debug or reap the main process (and `kubectl debug` sessions attached to it) lose access.",
      verify: 'Check whether a sidecar signals or inspects the main container (reloaders, debuggers) and test it in a test namespace.',
    },
  },
  plan: setEachField('own-process-namespace', false),
});
