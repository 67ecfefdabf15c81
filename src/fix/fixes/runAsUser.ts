// Fix for the Pod Security Standards check runAsUser (restricted).

import { defineFix } from '../engine/fix';
import { setEachField } from './shared/each-field';

/**
 * The UID written in place of 0: "nobody" in most base images, an account that owns no files, and
 * above the 10000 under which UIDs may collide with users on the node.
 */
export const NON_ROOT_UID = 65534;

export const NON_ROOT_UID_REMEDY = {
  safe: false,
  change: `changes runAsUser: 0 to runAsUser: ${NON_ROOT_UID} ("nobody") where it is set, at the pod or container level`,
  rationale:
    'The process no longer runs as root: it cannot write files owned by root (often the app directory, ' +
    '/var/run, /tmp in some images), bind ports below 1024, or read secrets readable only by root.',
  verify:
    `Run the image as that user (\`docker run --user ${NON_ROOT_UID} IMAGE\`) and exercise it; give writable ` +
    'paths an emptyDir volume or set fsGroup so mounted volumes are group-writable; pick a UID of your own if the image defines one.',
} as const;

export const runAsUser = defineFix({
  id: 'runAsUser',
  summary: `Replace runAsUser: 0 with a non-root UID (${NON_ROOT_UID}).`,
  remedies: { 'non-root-uid': NON_ROOT_UID_REMEDY },
  plan: setEachField('non-root-uid', NON_ROOT_UID),
});
