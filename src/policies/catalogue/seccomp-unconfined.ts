/*
seccompProfile.type: Unconfined (on the container, or on the pod and not overridden) runs the
container with no system-call filter.
*/

import type { Container, PodSpec } from '../../k8s/types';
import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { effective, effectivePath } from '../resolve';
import { containerLabel, perContainer } from '../visit';

const typeOf = (spec: PodSpec, c: Container) => (effective(spec, c, 'seccompProfile') as { type?: unknown } | undefined)?.type;

export const seccompUnconfined: PodPolicy = {
  id: 'seccomp-unconfined',
  title: 'Seccomp explicitly unconfined',
  severity: 'high',
  category: 'isolation',
  preset: 'recommended',
  rationale:
    'Unconfined turns off the system-call filter: the container can call every system call the kernel offers, including the ' +
    'rarely used ones behind most kernel privilege-escalation exploits (keyctl, userfaultfd, unshare, bpf, …). RuntimeDefault ' +
    'blocks them at almost no cost. Reported at every level, including privileged.',
  remediation: 'Set seccompProfile.type: RuntimeDefault (or a Localhost profile) on the pod, and remove Unconfined from containers.',
  references: [REF.seccomp, REF.pss, REF.nsa, REF.cis('5.7.2', 'Ensure that the seccomp profile is set to docker/default in your pod definitions')],
  coveredBy: ['seccompProfile_baseline', 'seccompProfile_restricted'],
  check: perContainer(
    (c, spec) => typeOf(spec, c) === 'Unconfined',
    (c, path, spec, name) => {
      const field = effectivePath(spec, c, path, 'seccompProfile');
      return {
        detail: `${containerLabel(name)} runs with seccomp Unconfined${field.startsWith('spec.securityContext') ? ' (set on the pod)' : ''}`,
        fields: [`${field}.type`],
      };
    },
  ),
};
