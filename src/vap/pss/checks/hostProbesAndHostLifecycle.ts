// hostProbesAndHostLifecycle, in CEL: src/pss/checks/hostProbesAndHostLifecycle.ts (its handler
// and action tables are used as they are).
import { ACTIONS, HANDLERS } from '../../../pss/checks/hostProbesAndHostLifecycle';
import { flatMapContainers, joinQuote, pluralize, quotedContainers, violation } from '../cel';
import type { CelCheck } from '../generator';

/** Every host field a container may set, read as optional strings. */
const HOSTS = HANDLERS.flatMap((h) => ACTIONS.map((a) => `c.?${h.path.split('.').join('.?')}.?${a}.?host.orValue('')`));
const NAMES_HOST = `[${HOSTS.join(', ')}].exists(h, h != '')`;
// Upstream collects both names and hosts in sets: both sorted and unique.
const NAMES = `${flatMapContainers(`(${NAMES_HOST} ? [c.name] : [])`)}.distinct().sort()`;
const LIST = `${flatMapContainers(`[${HOSTS.join(', ')}].filter(h, h != '')`)}.distinct().sort()`;

export const hostProbesAndHostLifecycle: CelCheck = {
  id: 'hostProbesAndHostLifecycle',
  versions: [
    {
      since: 'v1.34',
      violation: violation(
        `${LIST}.size() > 0`,
        'probe or lifecycle host',
        `${quotedContainers(NAMES)} + ' ' + ${pluralize('uses', 'use', NAMES)} + ' ' + ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', LIST)} + ' ' + ${joinQuote(LIST)}`,
      ),
    },
  ],
};
