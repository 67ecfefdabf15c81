/*
allowPrivilegeEscalation: false together with privileged: true, or with CAP_SYS_ADMIN added:
the API server rejects the pod (pkg/apis/core/validation/validation.go, ValidateSecurityContext).
*/

import type { Container } from '../../k8s/types';
import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { capabilityList, containerSecurityContext } from '../resolve';
import { containerLabel, perContainer } from '../visit';

/** Validation compares the literal string "CAP_SYS_ADMIN" (not "SYS_ADMIN"). */
function addsCapSysAdmin(c: Container): boolean {
  const add = capabilityList(c, 'add');
  return add !== undefined && add.includes('CAP_SYS_ADMIN');
}

function conflicts(c: Container): boolean {
  const sc = containerSecurityContext(c);
  return sc?.allowPrivilegeEscalation === false && (sc.privileged === true || addsCapSysAdmin(c));
}

export const escalationConflict: PodPolicy = {
  id: 'escalation-conflict',
  title: 'allowPrivilegeEscalation=false conflicts with privileged or CAP_SYS_ADMIN',
  severity: 'high',
  category: 'will-not-run',
  preset: 'recommended',
  rationale:
    'A privileged container, or one with CAP_SYS_ADMIN, can always escalate, so the API server rejects the contradiction: ' +
    '"cannot set `allowPrivilegeEscalation` to false and `privileged` to true" (or "... `capabilities.Add` CAP_SYS_ADMIN"). ' +
    'The manifest passes review and fails at deploy time, often after a hardening change added allowPrivilegeEscalation: false.',
  remediation: 'Decide which is meant: remove privileged / CAP_SYS_ADMIN (preferred), or remove allowPrivilegeEscalation: false.',
  references: [REF.securityContext, REF.pss],
  check: perContainer(conflicts, (c, path, _spec, name) => {
    const why = containerSecurityContext(c)?.privileged === true ? 'privileged=true' : 'capabilities.add CAP_SYS_ADMIN';
    return {
      detail: `${containerLabel(name)} sets allowPrivilegeEscalation=false with ${why}: the API server rejects this`,
      fields: [
        `${path}.securityContext.allowPrivilegeEscalation`,
        `${path}.securityContext.${containerSecurityContext(c)?.privileged === true ? 'privileged' : 'capabilities.add'}`,
      ],
    };
  }),
};
