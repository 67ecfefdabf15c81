/*
A privileged container has every capability, every device and no seccomp, AppArmor or SELinux
confinement: it is root on the node in all but name.
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { containerSecurityContext } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const privilegedContainer: PodPolicy = {
  id: 'privileged-container',
  title: 'Privileged container',
  severity: 'critical',
  category: 'privilege',
  preset: 'recommended',
  rationale:
    'privileged: true gives the container all capabilities, access to every host device and no seccomp, AppArmor or SELinux ' +
    "confinement. Mounting the node's disk or loading a kernel module is one command away, so the container owns the node. " +
    'Reported at every level, including privileged, where the standard itself allows it.',
  remediation: 'Remove privileged: true. Grant only the capabilities the workload needs (capabilities.add) and the devices it needs.',
  references: [REF.pss, REF.nsa, REF.cis('5.2.2', 'Minimize the admission of privileged containers')],
  coveredBy: ['privileged'],
  check: perContainer(
    (c) => containerSecurityContext(c)?.privileged === true,
    (_c, path, _spec, name) => ({ detail: `${containerLabel(name)} is privileged`, fields: [`${path}.securityContext.privileged`] }),
  ),
};
