// capabilities_baseline, in CEL: src/pss/checks/capabilities_baseline.ts (its default set is used as it is).
import { DEFAULT_CAPABILITIES } from '../../../pss/checks/capabilities_baseline';
import { anyContainer, flatMapContainers, joinQuote, namesWhere, quotedContainers, strList, violation } from '../cel';
import type { CelCheck } from '../generator';

const DEFAULTS = strList([...DEFAULT_CAPABILITIES].sort());
const ADDED = 'c.?securityContext.?capabilities.?add.orValue([])';
const ADDS_NON_DEFAULT = `${ADDED}.exists(a, !(a in ${DEFAULTS}))`;
const CAPABILITIES = `${flatMapContainers(`${ADDED}.filter(a, !(a in ${DEFAULTS}))`)}.distinct().sort()`;

export const capabilities_baseline: CelCheck = {
  id: 'capabilities_baseline',
  versions: [
    {
      since: 'v1.0',
      violation: violation(
        anyContainer(ADDS_NON_DEFAULT),
        'non-default capabilities',
        `${quotedContainers(namesWhere(ADDS_NON_DEFAULT))} + ' must not include ' + ${joinQuote(CAPABILITIES)} + ' in securityContext.capabilities.add'`,
      ),
    },
  ],
};
