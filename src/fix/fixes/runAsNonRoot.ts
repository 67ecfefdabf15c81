// Fix for the Pod Security Standards check runAsNonRoot (restricted).

import { valueAt } from '../engine/change';
import { defineFix, type PlannedChange } from '../engine/fix';
import { containerAt } from './shared/pod-paths';

const POD_FIELD = 'spec.securityContext.runAsNonRoot';

export const runAsNonRoot = defineFix({
  id: 'runAsNonRoot',
  summary: 'Require a non-root user: runAsNonRoot: true for the pod, and on containers that set false.',
  remedies: {
    'require-non-root': {
      safe: false,
      change: 'sets securityContext.runAsNonRoot: true at the pod level (shared by every container), and changes a ' + "container's explicit false to true",
      rationale:
        'The kubelet refuses to start a container whose image runs as root (CreateContainerConfigError "container ' +
        'has runAsNonRoot and image will run as root"), or whose image names its user by name rather than number ' +
        '("image has non-numeric user"), unless runAsUser gives a non-zero UID.',
      verify:
        "Check each image's user: `docker inspect --format '{{.Config.User}}' IMAGE` must be a non-zero number " +
        '(or set securityContext.runAsUser); then make sure the app can still read and write its files as that user.',
    },
  },
  plan({ pod, finding }) {
    const changes: PlannedChange<'require-non-root'>[] = [];
    for (const field of finding.fields) {
      const value = valueAt(pod, field);
      if (value === true) continue;
      const ref = containerAt(pod, field);
      if (!ref) {
        changes.push({ remedy: 'require-non-root', subject: 'pod', change: { op: 'set', path: POD_FIELD, value: true } });
      } else if (value === false) {
        changes.push({ remedy: 'require-non-root', subject: ref.subject, change: { op: 'set', path: field, value: true } });
      }
      // A container that sets nothing follows the pod, whose setting the finding also names.
    }
    return { changes, manual: [] };
  },
});
