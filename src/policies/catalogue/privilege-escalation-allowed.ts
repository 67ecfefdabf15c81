/*
Unless allowPrivilegeEscalation is false, the container's processes can gain privileges through
setuid binaries and file capabilities (no_new_privs is not set).
*/

import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { containerSecurityContext, isWindowsPod } from '../resolve';
import { containerLabel, perContainer } from '../visit';

export const privilegeEscalationAllowed: PodPolicy = {
  id: 'privilege-escalation-allowed',
  title: 'Privilege escalation allowed',
  severity: 'medium',
  category: 'privilege',
  preset: 'recommended',
  rationale:
    'Without allowPrivilegeEscalation: false the runtime does not set no_new_privs, so a setuid-root binary or a file with ' +
    'capabilities in the image raises a compromised process back to root or to capabilities it was meant not to have.',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  references: [REF.pss, REF.securityContext, REF.nsa, REF.cis('5.2.5', 'Minimize the admission of containers with allowPrivilegeEscalation')],
  coveredBy: ['allowPrivilegeEscalation'],
  check: perContainer(
    (c, spec) => !isWindowsPod(spec) && containerSecurityContext(c)?.allowPrivilegeEscalation !== false,
    (_c, path, _spec, name) => ({
      detail: `${containerLabel(name)} does not set allowPrivilegeEscalation=false`,
      fields: [`${path}.securityContext.allowPrivilegeEscalation`],
    }),
  ),
};
