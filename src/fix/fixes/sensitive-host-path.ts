// Fix for the hardening policy sensitive-host-path: the volume becomes scratch space.

import { deriveFix } from '../engine/fix';
import { containerRuntimeSocket } from './container-runtime-socket';

export const sensitiveHostPath = deriveFix(containerRuntimeSocket, 'sensitive-host-path', {
  summary: 'Replace hostPath volumes of sensitive host paths with emptyDir.',
});
