// windowsHostProcess, in CEL: src/pss/checks/windowsHostProcess.ts.
import { anyContainer, badSetters, namesWhere, violation } from '../cel';
import type { CelCheck } from '../generator';

const POD = '(object.spec.?securityContext.?windowsOptions.?hostProcess.orValue(false))';
const HOST_PROCESS = 'c.?securityContext.?windowsOptions.?hostProcess.orValue(false)';

export const windowsHostProcess: CelCheck = {
  id: 'windowsHostProcess',
  versions: [
    {
      since: 'v1.0',
      violation: violation(
        `${POD} || ${anyContainer(HOST_PROCESS)}`,
        'hostProcess',
        `${badSetters(POD, namesWhere(HOST_PROCESS))} + ' must not set securityContext.windowsOptions.hostProcess=true'`,
      ),
    },
  ],
};
