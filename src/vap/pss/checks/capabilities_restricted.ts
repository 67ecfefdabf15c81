// capabilities_restricted, in CEL: src/pss/checks/capabilities_restricted.ts.
import { anyContainer, flatMapContainers, joinQuote, namesWhere, quotedContainers, unless, violation, WINDOWS_POD } from '../cel';
import type { CelCheck } from '../generator';

const ADDED = 'c.?securityContext.?capabilities.?add.orValue([])';
const MISSING_DROP_ALL = "!c.?securityContext.?capabilities.?drop.orValue([]).exists(d, d == 'ALL')";
const ADDS_FORBIDDEN = `${ADDED}.exists(a, a != 'NET_BIND_SERVICE')`;
const MISSING = namesWhere(MISSING_DROP_ALL);
const ADDING = namesWhere(ADDS_FORBIDDEN);
const FORBIDDEN = `${flatMapContainers(`${ADDED}.filter(a, a != 'NET_BIND_SERVICE')`)}.distinct().sort()`;
const DETAILS =
  `((${MISSING}.size() > 0 ? [${quotedContainers(MISSING)} + ' must set securityContext.capabilities.drop=["ALL"]'] : []) + ` +
  `(${ADDING}.size() > 0 ? [${quotedContainers(ADDING)} + ' must not include ' + ${joinQuote(FORBIDDEN)} + ' in securityContext.capabilities.add'] : [])).join('; ')`;
const V1_22 = violation(anyContainer(`${MISSING_DROP_ALL} || ${ADDS_FORBIDDEN}`), 'unrestricted capabilities', DETAILS);

export const capabilities_restricted: CelCheck = {
  id: 'capabilities_restricted',
  versions: [
    { since: 'v1.22', violation: V1_22 },
    { since: 'v1.25', violation: unless(WINDOWS_POD, V1_22) },
  ],
};
