// procMount, in CEL: src/pss/checks/procMount.ts.
import { anyContainer, flatMapContainers, joinQuote, namesWhere, quotedContainers, unless, USER_NAMESPACE_POD, violation } from '../cel';
import type { CelCheck } from '../generator';

const UNMASKS = "c.?securityContext.?procMount.orValue('Default') != 'Default'";
const TYPES = `${flatMapContainers(`(${UNMASKS} ? [c.securityContext.procMount] : [])`)}.distinct().sort()`;

/** The unconditional rule, which procMount_restricted keeps from v1.35. */
export const PROC_MOUNT_1_0 = violation(
  anyContainer(UNMASKS),
  'procMount',
  `${quotedContainers(namesWhere(UNMASKS))} + ' must not set securityContext.procMount to ' + ${joinQuote(TYPES)}`,
);

export const procMount: CelCheck = {
  id: 'procMount',
  versions: [
    { since: 'v1.0', violation: PROC_MOUNT_1_0 },
    { since: 'v1.35', violation: unless(USER_NAMESPACE_POD, PROC_MOUNT_1_0) },
  ],
};
