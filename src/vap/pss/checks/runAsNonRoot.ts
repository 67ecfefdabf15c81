// runAsNonRoot, in CEL: src/pss/checks/runAsNonRoot.ts.
import { anyContainer, badSetters, namesWhere, quotedContainers, unless, USER_NAMESPACE_POD } from '../cel';
import type { CelCheck } from '../generator';

const POD_FALSE = 'object.spec.?securityContext.?runAsNonRoot.orValue(true) == false';
const POD_TRUE = 'object.spec.?securityContext.?runAsNonRoot.orValue(false)';
const SETS_FALSE = 'c.?securityContext.?runAsNonRoot.orValue(true) == false';
const NOT_TRUE = '!c.?securityContext.?runAsNonRoot.orValue(false)';
const UNSET = '!c.?securityContext.?runAsNonRoot.hasValue()';
const EXPLICIT = namesWhere(SETS_FALSE);
const DENIED = `(${POD_FALSE}) || (${POD_TRUE} ? ${anyContainer(SETS_FALSE)} : ${anyContainer(NOT_TRUE)})`;
// Explicit false settings win: the message then names only those.
const DETAIL =
  `(${POD_FALSE}) || ${EXPLICIT}.size() > 0 ? ${badSetters(`(${POD_FALSE})`, EXPLICIT)} + ' must not set securityContext.runAsNonRoot=false' : ` +
  `'pod or ' + ${quotedContainers(namesWhere(UNSET))} + ' must set securityContext.runAsNonRoot=true'`;
const V1_0 = `(${DENIED} ? 'runAsNonRoot != true (' + (${DETAIL}) + ')' : '')`;

export const runAsNonRoot: CelCheck = {
  id: 'runAsNonRoot',
  versions: [
    { since: 'v1.0', violation: V1_0 },
    { since: 'v1.35', violation: unless(USER_NAMESPACE_POD, V1_0) },
  ],
};
