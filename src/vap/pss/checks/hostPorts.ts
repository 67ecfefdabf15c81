// hostPorts, in CEL: src/pss/checks/hostPorts.ts.
import { anyContainer, flatMapContainers, namesWhere, pluralize, quotedContainers, violation } from '../cel';
import type { CelCheck } from '../generator';

const USES_HOST_PORT = 'c.?ports.orValue([]).exists(p, p.?hostPort.orValue(0) != 0)';
const NAMES = namesWhere(USES_HOST_PORT);
// The ports form a set sorted as strings, as upstream's.
const PORTS = `${flatMapContainers('c.?ports.orValue([]).filter(p, p.?hostPort.orValue(0) != 0).map(p, string(p.hostPort))')}.distinct().sort()`;

export const hostPorts: CelCheck = {
  id: 'hostPorts',
  versions: [
    {
      since: 'v1.0',
      violation: violation(
        anyContainer(USES_HOST_PORT),
        'hostPort',
        `${quotedContainers(NAMES)} + ' ' + ${pluralize('uses', 'use', NAMES)} + ' ' + ${pluralize('hostPort', 'hostPorts', PORTS)} + ' ' + ${PORTS}.join(', ')`,
      ),
    },
  ],
};
