// runAsUser, in CEL: src/pss/checks/runAsUser.ts.
import { anyContainer, badSetters, namesWhere, unless, USER_NAMESPACE_POD, violation } from '../cel';
import type { CelCheck } from '../generator';

const POD = '(object.spec.?securityContext.?runAsUser.orValue(1) == 0)';
const ROOT = 'c.?securityContext.?runAsUser.orValue(1) == 0';
const V1_23 = violation(`${POD} || ${anyContainer(ROOT)}`, 'runAsUser=0', `${badSetters(POD, namesWhere(ROOT))} + ' must not set runAsUser=0'`);

export const runAsUser: CelCheck = {
  id: 'runAsUser',
  versions: [
    { since: 'v1.23', violation: V1_23 },
    { since: 'v1.35', violation: unless(USER_NAMESPACE_POD, V1_23) },
  ],
};
