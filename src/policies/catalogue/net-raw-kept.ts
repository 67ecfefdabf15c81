/*
NET_RAW is in the runtime's default capability set; a container that neither drops it (nor ALL)
can craft raw packets.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { capabilityList, isWindowsPod, listsCapability } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const netRawKept: PodPolicy = {
  id: 'net-raw-kept',
  title: 'NET_RAW capability kept',
  severity: 'medium',
  category: 'privilege',
  preset: 'recommended',
  rationale:
    "NET_RAW lets a process open raw sockets: spoof packets, ARP- and DNS-poison neighbours on the node's network, and reach " +
    'kernel network code that has had privilege-escalation bugs (CVE-2020-14386). Container runtimes grant it by default; ' +
    'ping is about the only program that needs it, and modern ping does not.',
  remediation: 'Add NET_RAW (or ALL) to securityContext.capabilities.drop, and remove it from capabilities.add.',
  references: [REF.capabilities, REF.nsa, REF.cis('5.2.7', 'Minimize the admission of containers with the NET_RAW capability')],
  coveredBy: ['capabilities_restricted'],
  check: perContainer(
    (c, spec) => {
      if (isWindowsPod(spec)) return false;
      if (listsCapability(capabilityList(c, 'add'), 'NET_RAW') || listsCapability(capabilityList(c, 'add'), 'ALL')) return true;
      const drop = capabilityList(c, 'drop');
      return !listsCapability(drop, 'NET_RAW') && !listsCapability(drop, 'ALL');
    },
    (c, path, _spec, name) => {
      const added = listsCapability(capabilityList(c, 'add'), 'NET_RAW') || listsCapability(capabilityList(c, 'add'), 'ALL');
      return added
        ? { detail: `${containerLabel(name)} adds NET_RAW`, fields: [`${path}.securityContext.capabilities.add`] }
        : { detail: `${containerLabel(name)} does not drop NET_RAW (or ALL)`, fields: [`${path}.securityContext.capabilities.drop`] };
    },
  ),
};
