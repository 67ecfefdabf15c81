// hostPathVolumes, in CEL: src/pss/checks/hostPathVolumes.ts.
import { joinQuote, pluralize } from '../cel';
import type { CelCheck } from '../generator';

const NAMES = 'object.spec.?volumes.orValue([]).filter(v, has(v.hostPath)).map(v, v.name)';

export const hostPathVolumes: CelCheck = {
  id: 'hostPathVolumes',
  versions: [
    {
      since: 'v1.0',
      violation: `(${NAMES}.size() > 0 ? 'hostPath volumes (' + ${pluralize('volume', 'volumes', NAMES)} + ' ' + ${joinQuote(NAMES)} + ')' : '')`,
    },
  ],
};
