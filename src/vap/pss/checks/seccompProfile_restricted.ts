// seccompProfile_restricted, in CEL: src/pss/checks/seccompProfile_restricted.ts.
import { anyContainer, badSetters, flatMapContainers, joinQuote, namesWhere, quotedContainers, unless, WINDOWS_POD } from '../cel';
import type { CelCheck } from '../generator';

const GOOD = "['RuntimeDefault', 'Localhost']";
const POD_PROFILE = 'object.spec.?securityContext.?seccompProfile';
const POD_VALID = `(${POD_PROFILE}.hasValue() && ${POD_PROFILE}.?type.orValue('') in ${GOOD})`;
const POD_BAD = `(${POD_PROFILE}.hasValue() && !(${POD_PROFILE}.?type.orValue('') in ${GOOD}))`;
const C_PROFILE = 'c.?securityContext.?seccompProfile';
const C_BAD = `${C_PROFILE}.hasValue() && !(${C_PROFILE}.?type.orValue('') in ${GOOD})`;
const C_LACKS_VALID = `!(${C_PROFILE}.hasValue() && ${C_PROFILE}.?type.orValue('') in ${GOOD})`;
const VALUES = `((${POD_BAD} ? [${POD_PROFILE}.?type.orValue('')] : []) + ${flatMapContainers(`(${C_BAD} ? [${C_PROFILE}.?type.orValue('')] : [])`)}).distinct().sort()`;
const DENIED = `${POD_BAD} || (${POD_VALID} ? ${anyContainer(C_BAD)} : ${anyContainer(C_LACKS_VALID)})`;
// Bad values win; otherwise the containers left without a profile (setting the pod's would fix them).
const DETAIL =
  `${VALUES}.size() > 0 ? ${badSetters(POD_BAD, namesWhere(C_BAD))} + ' must not set securityContext.seccompProfile.type to ' + ${joinQuote(VALUES)} : ` +
  `'pod or ' + ${quotedContainers(namesWhere(`!${C_PROFILE}.hasValue()`))} + ' must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"'`;
const V1_19 = `(${DENIED} ? 'seccompProfile (' + (${DETAIL}) + ')' : '')`;

export const seccompProfile_restricted: CelCheck = {
  id: 'seccompProfile_restricted',
  versions: [
    { since: 'v1.19', violation: V1_19 },
    { since: 'v1.25', violation: unless(WINDOWS_POD, V1_19) },
  ],
};
