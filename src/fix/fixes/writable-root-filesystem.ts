// Fix for the hardening policy writable-root-filesystem.

import { defineFix } from '../engine/fix';
import { setEachField } from './shared/each-field';

export const writableRootFilesystem = defineFix({
  id: 'writable-root-filesystem',
  summary: 'Make the root filesystem read-only.',
  remedies: {
    'read-only-root': {
      safe: false,
      change: 'sets securityContext.readOnlyRootFilesystem: true on each container',
      rationale:
        'Every write outside a volume fails with "read-only file system": temporary files in /tmp, caches, pid and ' +
        'lock files, logs written to files, packages installed at start-up.',
      verify:
        'Run the image with `docker run --read-only` and exercise it; mount an emptyDir volume at each path it ' +
        'writes to (often /tmp, /var/run, /var/cache).',
    },
  },
  plan: setEachField('read-only-root', true),
});
