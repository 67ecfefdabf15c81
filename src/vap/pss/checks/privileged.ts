// privileged, in CEL: src/pss/checks/privileged.ts.
import { anyContainer, namesWhere, quotedContainers, violation } from '../cel';
import type { CelCheck } from '../generator';

const PRIVILEGED = 'c.?securityContext.?privileged.orValue(false)';

export const privileged: CelCheck = {
  id: 'privileged',
  versions: [
    {
      since: 'v1.0',
      violation: violation(
        anyContainer(PRIVILEGED),
        'privileged',
        `${quotedContainers(namesWhere(PRIVILEGED))} + ' must not set securityContext.privileged=true'`,
      ),
    },
  ],
};
