// Fix for the hardening policy container-runtime-socket: the volume becomes scratch space.

import { defineFix } from '../engine/fix';
import { parentPath } from './shared/pod-paths';
import { EMPTY_DIR_REMEDY, emptyDirFor } from './shared/host-path';

export const containerRuntimeSocket = defineFix({
  id: 'container-runtime-socket',
  summary: 'Replace the hostPath volume holding the container runtime socket with emptyDir.',
  remedies: { 'empty-dir': EMPTY_DIR_REMEDY },
  // Fields name `spec.volumes[i].hostPath.path`; the whole hostPath source goes.
  plan: ({ pod, finding }) => ({ changes: finding.fields.map((f) => emptyDirFor(pod, parentPath(f))), manual: [] }),
});
