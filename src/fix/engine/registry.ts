// The fixes podguard knows, as an explicit list (no import side effects), validated once: one fix
// per check or policy id, each id known to the engine, every remedy documented, and every
// behaviour-changing remedy saying how to check what it may break.

import { builtinPolicies } from '../../policies/registry';
import type { Fix } from './fix';
import { allowPrivilegeEscalation } from '../fixes/allowPrivilegeEscalation';
import { apparmorUnconfined } from '../fixes/apparmor-unconfined';
import { profileAnnotationDeprecated } from '../fixes/profile-annotation-deprecated';
import { appArmorProfile } from '../fixes/appArmorProfile';
import { capabilitiesNotDropped } from '../fixes/capabilities-not-dropped';
import { capabilities_baseline } from '../fixes/capabilities_baseline';
import { capabilities_restricted } from '../fixes/capabilities_restricted';
import { containerRuntimeSocket } from '../fixes/container-runtime-socket';
import { dangerousCapabilities } from '../fixes/dangerous-capabilities';
import { escalationConflict } from '../fixes/escalation-conflict';
import { fsGroupRoot } from '../fixes/fs-group-root';
import { hostIpc } from '../fixes/host-ipc';
import { hostNetwork } from '../fixes/host-network';
import { hostPid } from '../fixes/host-pid';
import { hostUserNamespace } from '../fixes/host-user-namespace';
import { hostNamespaces } from '../fixes/hostNamespaces';
import { hostPathVolumes } from '../fixes/hostPathVolumes';
import { hostPorts } from '../fixes/hostPorts';
import { hostProbesAndHostLifecycle } from '../fixes/hostProbesAndHostLifecycle';
import { netRawKept } from '../fixes/net-raw-kept';
import { nodeEscapeHostRootHostPid } from '../fixes/node-escape-host-root-host-pid';
import { nodeEscapePrivilegedHostPid } from '../fixes/node-escape-privileged-host-pid';
import { nodeEscapePtraceHostPid } from '../fixes/node-escape-ptrace-host-pid';
import { privilegeEscalationAllowed } from '../fixes/privilege-escalation-allowed';
import { privileged } from '../fixes/privileged';
import { privilegedContainer } from '../fixes/privileged-container';
import { privilegedPortWithoutCapability } from '../fixes/privileged-port-without-capability';
import { procMountUnmasked } from '../fixes/proc-mount-unmasked';
import { procMount } from '../fixes/procMount';
import { procMount_restricted } from '../fixes/procMount_restricted';
import { restrictedVolumes } from '../fixes/restrictedVolumes';
import { runAsNonRootConflict } from '../fixes/run-as-non-root-conflict';
import { runAsNonRootUnset } from '../fixes/run-as-non-root-unset';
import { runAsRootGroup } from '../fixes/run-as-root-group';
import { runAsRootUser } from '../fixes/run-as-root-user';
import { runAsNonRoot } from '../fixes/runAsNonRoot';
import { runAsUser } from '../fixes/runAsUser';
import { seccompProfileMissing } from '../fixes/seccomp-profile-missing';
import { seccompUnconfined } from '../fixes/seccomp-unconfined';
import { seccompProfile_baseline } from '../fixes/seccompProfile_baseline';
import { seccompProfile_restricted } from '../fixes/seccompProfile_restricted';
import { selinuxPrivilegedType } from '../fixes/selinux-privileged-type';
import { seLinuxOptions } from '../fixes/seLinuxOptions';
import { sensitiveHostPath } from '../fixes/sensitive-host-path';
import { serviceAccountTokenMounted } from '../fixes/service-account-token-mounted';
import { shareProcessNamespace } from '../fixes/share-process-namespace';
import { supplementalGroupRoot } from '../fixes/supplemental-group-root';
import { sysctls } from '../fixes/sysctls';
import { unsafeSysctls } from '../fixes/unsafe-sysctls';
import { windowsContainerAdministrator } from '../fixes/windows-container-administrator';
import { windowsHostProcessPolicy } from '../fixes/windows-host-process';
import { windowsLinuxOnlyFields } from '../fixes/windows-linux-only-fields';
import { windowsHostProcess } from '../fixes/windowsHostProcess';
import { writableHostPath } from '../fixes/writable-host-path';
import { writableRootFilesystem } from '../fixes/writable-root-filesystem';

/**
 * Every fix, one per file in fixes/ named by the id it remedies: a Pod Security Standards check
 * (camelCase) or a hardening policy (kebab-case). Policies without a fix (a UID or GID below 10000
 * needs a value only the image's owner can choose) are reported with their remediation.
 */
export const FIXES: readonly Fix[] = [
  // Pod Security Standards checks
  allowPrivilegeEscalation,
  appArmorProfile,
  capabilities_baseline,
  capabilities_restricted,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  procMount_restricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seLinuxOptions,
  seccompProfile_baseline,
  seccompProfile_restricted,
  sysctls,
  windowsHostProcess,
  // Hardening policies, in catalogue order
  runAsNonRootUnset,
  runAsRootUser,
  runAsRootGroup,
  fsGroupRoot,
  supplementalGroupRoot,
  privilegedContainer,
  privilegeEscalationAllowed,
  capabilitiesNotDropped,
  dangerousCapabilities,
  netRawKept,
  containerRuntimeSocket,
  sensitiveHostPath,
  writableHostPath,
  writableRootFilesystem,
  hostNetwork,
  hostPid,
  hostIpc,
  shareProcessNamespace,
  hostUserNamespace,
  seccompUnconfined,
  // Before seccomp-profile-missing: a pod whose annotation names its profile gets that profile, not the default.
  profileAnnotationDeprecated,
  seccompProfileMissing,
  apparmorUnconfined,
  selinuxPrivilegedType,
  procMountUnmasked,
  unsafeSysctls,
  serviceAccountTokenMounted,
  nodeEscapePrivilegedHostPid,
  nodeEscapeHostRootHostPid,
  nodeEscapePtraceHostPid,
  runAsNonRootConflict,
  escalationConflict,
  privilegedPortWithoutCapability,
  windowsHostProcessPolicy,
  windowsContainerAdministrator,
  windowsLinuxOnlyFields,
];

/** Lists every problem with a set of fixes (empty when valid). */
export function validateFixes(fixes: readonly Fix[], known: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const fix of fixes) {
    if (seen.has(fix.id)) problems.push(`more than one fix for ${fix.id}`);
    seen.add(fix.id);
    if (!known.has(fix.id)) problems.push(`fix ${fix.id}: no check or policy has this id`);
    if (!fix.summary.trim()) problems.push(`fix ${fix.id}: empty summary`);
    const remedies = Object.entries(fix.remedies);
    if (remedies.length === 0) problems.push(`fix ${fix.id}: no remedies`);
    for (const [name, r] of remedies) {
      if (!/^[a-z][a-z-]*$/.test(name)) problems.push(`fix ${fix.id}: remedy id ${JSON.stringify(name)} is not lower-case-with-dashes`);
      if (!r.change.trim() || !r.rationale.trim()) problems.push(`fix ${fix.id}: remedy ${name} lacks its change or rationale`);
      if (!r.safe && !r.verify?.trim()) problems.push(`fix ${fix.id}: behaviour-changing remedy ${name} does not say how to check it`);
    }
  }
  return problems;
}

let byId: ReadonlyMap<string, Fix> | undefined;

/** The fix for a check or policy id, if there is one (the registry is validated on first use). */
export function fixFor(id: string): Fix | undefined {
  if (!byId) {
    const problems = validateFixes(FIXES, builtinPolicies().knownCheckIds());
    if (problems.length > 0) throw new Error(`invalid fixes:\n  ${problems.join('\n  ')}`);
    byId = new Map(FIXES.map((f) => [f.id, f]));
  }
  return byId.get(id);
}
