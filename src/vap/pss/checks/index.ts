// Every check's CEL generator, one module per upstream check id, as src/pss/checks/index.ts
// lists the checks themselves (a test keeps the two in step, version by version).

import type { CelCheck } from '../generator';
import { allowPrivilegeEscalation } from './allowPrivilegeEscalation';
import { appArmorProfile } from './appArmorProfile';
import { capabilities_baseline } from './capabilities_baseline';
import { capabilities_restricted } from './capabilities_restricted';
import { hostNamespaces } from './hostNamespaces';
import { hostPathVolumes } from './hostPathVolumes';
import { hostPorts } from './hostPorts';
import { hostProbesAndHostLifecycle } from './hostProbesAndHostLifecycle';
import { privileged } from './privileged';
import { procMount } from './procMount';
import { procMount_restricted } from './procMount_restricted';
import { restrictedVolumes } from './restrictedVolumes';
import { runAsNonRoot } from './runAsNonRoot';
import { runAsUser } from './runAsUser';
import { seccompProfile_baseline } from './seccompProfile_baseline';
import { seccompProfile_restricted } from './seccompProfile_restricted';
import { seLinuxOptions } from './seLinuxOptions';
import { sysctls } from './sysctls';
import { windowsHostProcess } from './windowsHostProcess';

export const CEL_CHECKS: readonly CelCheck[] = [
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
  seccompProfile_baseline,
  seccompProfile_restricted,
  seLinuxOptions,
  sysctls,
  windowsHostProcess,
];
