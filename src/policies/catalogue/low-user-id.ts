/*
UIDs below 10000 are where Linux distributions put system and ordinary users, so a container
running as one of them shares an identity with a real account on the node.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { effective, effectivePath, isIdBetween, isWindowsPod } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const lowUserId: PodPolicy = {
  id: 'low-user-id',
  title: 'Container UID below 10000',
  severity: 'low',
  category: 'identity',
  preset: 'strict',
  rationale:
    "Without user namespaces, a container's UID is the same UID on the node. UIDs 1-9999 belong to system services and " +
    'people on typical hosts, so a process that escapes, or writes to a host mount, acts as that account and can read or ' +
    'change what it owns.',
  remediation: 'Run as a UID of 10000 or above (runAsUser: 10001), and build the image so that user owns what it must write.',
  references: [REF.securityContext, REF.nsa],
  check: perContainer(
    (c, spec) => !isWindowsPod(spec) && isIdBetween(effective(spec, c, 'runAsUser'), 1, 9999),
    (c, path, spec, name) => ({
      detail: `${containerLabel(name)} runs as UID ${String(effective(spec, c, 'runAsUser'))}, below 10000, which may be a user on the node`,
      fields: [effectivePath(spec, c, path, 'runAsUser')],
    }),
  ),
};
