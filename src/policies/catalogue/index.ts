// The explicit list of hardening policies: one module per policy in this folder, named by its
// id. Order here is catalogue order (grouped by category), used
// by listings, docs, SARIF rules and evaluation. A meta-test keeps this list, the folder and
// docs/policies/ in agreement.

import type { PodPolicy } from '../policy';
import { apparmorUnconfined } from './apparmor-unconfined';
import { capabilitiesNotDropped } from './capabilities-not-dropped';
import { containerRuntimeSocket } from './container-runtime-socket';
import { dangerousCapabilities } from './dangerous-capabilities';
import { escalationConflict } from './escalation-conflict';
import { fsGroupRoot } from './fs-group-root';
import { hostIpc } from './host-ipc';
import { hostNetwork } from './host-network';
import { hostPid } from './host-pid';
import { hostUserNamespace } from './host-user-namespace';
import { localhostProfileMissing } from './localhost-profile-missing';
import { lowGroupId } from './low-group-id';
import { lowUserId } from './low-user-id';
import { netRawKept } from './net-raw-kept';
import { nodeEscapeHostRootHostPid } from './node-escape-host-root-host-pid';
import { nodeEscapePrivilegedHostPid } from './node-escape-privileged-host-pid';
import { nodeEscapePtraceHostPid } from './node-escape-ptrace-host-pid';
import { profileAnnotationDeprecated } from './profile-annotation-deprecated';
import { privilegeEscalationAllowed } from './privilege-escalation-allowed';
import { privilegedContainer } from './privileged-container';
import { privilegedPortWithoutCapability } from './privileged-port-without-capability';
import { procMountUnmasked } from './proc-mount-unmasked';
import { runAsNonRootConflict } from './run-as-non-root-conflict';
import { runAsNonRootUnset } from './run-as-non-root-unset';
import { runAsRootGroup } from './run-as-root-group';
import { runAsRootUser } from './run-as-root-user';
import { seccompProfileMissing } from './seccomp-profile-missing';
import { seccompUnconfined } from './seccomp-unconfined';
import { selinuxPrivilegedType } from './selinux-privileged-type';
import { sensitiveHostPath } from './sensitive-host-path';
import { serviceAccountTokenMounted } from './service-account-token-mounted';
import { shareProcessNamespace } from './share-process-namespace';
import { supplementalGroupRoot } from './supplemental-group-root';
import { unsafeSysctls } from './unsafe-sysctls';
import { windowsContainerAdministrator } from './windows-container-administrator';
import { windowsHostProcess } from './windows-host-process';
import { windowsLinuxOnlyFields } from './windows-linux-only-fields';
import { writableHostPath } from './writable-host-path';
import { writableRootFilesystem } from './writable-root-filesystem';

/** The built-in catalogue. Read it through builtinPolicies() (src/policies/registry.ts), never directly. */
export const BUILTIN_POLICIES: readonly PodPolicy[] = [
  runAsNonRootUnset,
  runAsRootUser,
  runAsRootGroup,
  fsGroupRoot,
  supplementalGroupRoot,
  lowUserId,
  lowGroupId,
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
  // Before the seccomp policies: its fix moves an annotation's profile into the field before theirs set a default.
  profileAnnotationDeprecated,
  seccompUnconfined,
  seccompProfileMissing,
  localhostProfileMissing,
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
  windowsHostProcess,
  windowsContainerAdministrator,
  windowsLinuxOnlyFields,
];
