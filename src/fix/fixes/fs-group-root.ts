// Fix for the hardening policy fs-group-root.

import { defineFix } from '../engine/fix';
import { setEachField } from './shared/each-field';
import { NON_ROOT_GID, NON_ROOT_GROUP_REMEDY } from './shared/root-group';

export const fsGroupRoot = defineFix({
  id: 'fs-group-root',
  summary: `Replace fsGroup: 0 with ${NON_ROOT_GID}.`,
  remedies: { 'non-root-group': NON_ROOT_GROUP_REMEDY },
  plan: setEachField('non-root-group', NON_ROOT_GID),
});
