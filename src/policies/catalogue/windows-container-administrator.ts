/*
windowsOptions.runAsUserName: ContainerAdministrator (resolved field by field, container over
pod, as the kubelet does) runs the container as the administrator account.
*/

import type { Container, PodSpec } from '../../k8s/types';
import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { effectiveWindowsOption, effectiveWindowsOptionPath } from '../resolve';
import { containerLabel, perContainer } from '../visit';

const isAdministrator = (c: Container, spec: PodSpec) => {
  const user = effectiveWindowsOption(spec, c, 'runAsUserName');
  return typeof user === 'string' && user.toLowerCase() === 'containeradministrator';
};

export const windowsContainerAdministrator: PodPolicy = {
  id: 'windows-container-administrator',
  title: 'Windows container runs as ContainerAdministrator',
  severity: 'medium',
  category: 'windows',
  preset: 'recommended',
  rationale:
    "ContainerAdministrator is the administrator account inside a Windows container: it can change the container's system " +
    'configuration and services, and is the starting point for escapes through Windows container isolation bugs. ' +
    'ContainerUser is enough for most applications.',
  remediation: 'Set windowsOptions.runAsUserName: ContainerUser (on the pod or the container).',
  references: [REF.windows, REF.nsa],
  check: perContainer(isAdministrator, (c, path, spec, name) => ({
    detail: `${containerLabel(name)} runs as ContainerAdministrator`,
    fields: [effectiveWindowsOptionPath(spec, c, path, 'runAsUserName')],
  })),
};
