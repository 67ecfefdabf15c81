// The remedy shared by the fixes that take the root group (GID 0) away.

import type { Remedy } from '../../engine/fix';

/** The GID written in place of 0: "nogroup"/"nobody" in most base images, a group that owns no files. */
export const NON_ROOT_GID = 65534;

export const NON_ROOT_GROUP_REMEDY: Remedy = {
  safe: false,
  change: `replaces group 0 (root) with ${NON_ROOT_GID} where the pod or container sets it`,
  rationale:
    'Files and directories writable only by the root group become unwritable: images built to run as an arbitrary ' +
    'UID in group 0 (the OpenShift convention) and volumes whose files are group-owned by root stop being writable.',
  verify:
    'Look for group-0-writable paths the app uses (`find / -group 0 -perm -g+w` in the image) and check that it ' +
    'can still write its volumes; set fsGroup to a group of your own if they must be group-writable.',
};
