/*
A container that does not drop ALL capabilities keeps the runtime's default set (CHOWN,
DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, …).
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { capabilityList, isWindowsPod, listsCapability } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const capabilitiesNotDropped: PodPolicy = {
  id: 'capabilities-not-dropped',
  title: 'Capabilities not dropped',
  severity: 'medium',
  category: 'privilege',
  preset: 'strict',
  rationale:
    'Container runtimes grant a default set of about fourteen capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, ' +
    'NET_RAW, …). A process running as root keeps them all; most applications need none. Dropping ALL and adding back only ' +
    'what is needed removes the tools an attacker would use next.',
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] and add back only what is needed (often nothing, or NET_BIND_SERVICE).',
  references: [REF.pss, REF.capabilities, REF.nsa, REF.cis('5.2.9', 'Minimize the admission of containers with capabilities assigned')],
  coveredBy: ['capabilities_restricted'],
  check: perContainer(
    (c, spec) => !isWindowsPod(spec) && !listsCapability(capabilityList(c, 'drop'), 'ALL'),
    (_c, path, _spec, name) => ({ detail: `${containerLabel(name)} does not drop ALL capabilities`, fields: [`${path}.securityContext.capabilities.drop`] }),
  ),
};
