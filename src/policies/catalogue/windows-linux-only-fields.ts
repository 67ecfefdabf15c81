/*
Linux-only security settings on a pod meant for Windows nodes. With spec.os.name: windows the
API server rejects them (pkg/apis/core/validation/validation.go, validateWindows); with only a
Windows node selector they are accepted and do nothing, which gives a false sense of hardening.
*/

import type { Container, PodSpec } from '../../k8s/types';
import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { containerSecurityContext, isWindowsPod, podSecurityContext } from '../resolve';
import { anyContainer, forEachContainer, perPod } from '../visit';

const POD_FIELDS = [
  'seLinuxOptions',
  'seccompProfile',
  'appArmorProfile',
  'fsGroup',
  'fsGroupChangePolicy',
  'sysctls',
  'runAsUser',
  'runAsGroup',
  'supplementalGroups',
  'supplementalGroupsPolicy',
  'seLinuxChangePolicy',
] as const;
const SPEC_FIELDS = ['hostPID', 'hostIPC', 'shareProcessNamespace'] as const;
const CONTAINER_FIELDS = [
  'seLinuxOptions',
  'seccompProfile',
  'appArmorProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
] as const;

const isSet = (v: unknown) => v !== undefined && v !== null;

function containerHasLinuxFields(c: Container): boolean {
  const sc = containerSecurityContext(c) as Record<string, unknown> | undefined;
  if (!sc) return false;
  for (let i = 0; i < CONTAINER_FIELDS.length; i++) if (isSet(sc[CONTAINER_FIELDS[i]!])) return true;
  return false;
}

function podHasLinuxFields(spec: PodSpec): boolean {
  const sc = podSecurityContext(spec) as Record<string, unknown> | undefined;
  if (sc) for (let i = 0; i < POD_FIELDS.length; i++) if (isSet(sc[POD_FIELDS[i]!])) return true;
  for (let i = 0; i < SPEC_FIELDS.length; i++) if (isSet(spec[SPEC_FIELDS[i]!])) return true;
  return false;
}

function linuxFields(spec: PodSpec): string[] {
  const out: string[] = [];
  for (const f of SPEC_FIELDS) if (isSet(spec[f])) out.push(`spec.${f}`);
  const sc = podSecurityContext(spec) as Record<string, unknown> | undefined;
  if (sc) for (const f of POD_FIELDS) if (isSet(sc[f])) out.push(`spec.securityContext.${f}`);
  forEachContainer(spec, (c, path) => {
    const csc = containerSecurityContext(c) as Record<string, unknown> | undefined;
    if (csc) for (const f of CONTAINER_FIELDS) if (isSet(csc[f])) out.push(`${path}.securityContext.${f}`);
  });
  return out;
}

export const windowsLinuxOnlyFields: PodPolicy = {
  id: 'windows-linux-only-fields',
  title: 'Linux-only settings on a Windows pod',
  severity: 'low',
  category: 'windows',
  preset: 'recommended',
  rationale:
    'Windows containers ignore Linux security settings (runAsUser, capabilities, seccomp, SELinux, readOnlyRootFilesystem, …). ' +
    'On a pod that declares spec.os.name: windows the API server rejects them; on a pod that only selects Windows nodes they ' +
    'are accepted and silently do nothing, so the pod looks hardened and is not.',
  remediation:
    'Remove the Linux-only fields and use Windows controls: windowsOptions.runAsUserName: ContainerUser, gMSA for identity. ' +
    'Declare spec.os.name: windows so the API server checks this for you.',
  references: [REF.windows, REF.pss],
  check: perPod(
    (spec) => isWindowsPod(spec) && (podHasLinuxFields(spec) || anyContainer(spec, containerHasLinuxFields)),
    (spec) => {
      const fields = linuxFields(spec);
      // A Windows pod is one with spec.os.name: windows, as for Pod Security Admission (isWindowsPod).
      return [
        {
          detail: `Windows pod sets Linux-only ${fields.length === 1 ? 'field' : 'fields'} ${fields.join(', ')}: the API server rejects them for a pod with spec.os.name=windows`,
          fields,
        },
      ];
    },
  ),
};
