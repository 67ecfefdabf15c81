// allowPrivilegeEscalation, in CEL: src/pss/checks/allowPrivilegeEscalation.ts.
import { anyContainer, namesWhere, quotedContainers, unless, violation, WINDOWS_POD } from '../cel';
import type { CelCheck } from '../generator';

// Anything but an explicit false (unset included) lets the container escalate.
const MAY_ESCALATE = 'c.?securityContext.?allowPrivilegeEscalation.orValue(true)';
const V1_8 = violation(
  anyContainer(MAY_ESCALATE),
  'allowPrivilegeEscalation != false',
  `${quotedContainers(namesWhere(MAY_ESCALATE))} + ' must set securityContext.allowPrivilegeEscalation=false'`,
);

export const allowPrivilegeEscalation: CelCheck = {
  id: 'allowPrivilegeEscalation',
  versions: [
    { since: 'v1.8', violation: V1_8 },
    { since: 'v1.25', violation: unless(WINDOWS_POD, V1_8) },
  ],
};
