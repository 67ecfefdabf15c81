/*
SELinux types that are not confined: a container labelled with one runs outside the policy
that keeps containers away from the node.
*/

import type { Container, PodSpec } from '../../k8s/types';
import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { effective, effectivePath } from '../resolve';
import { containerLabel, perContainer } from '../visit';

/** Unconfined or runtime-level SELinux domains (container-selinux and the reference policy). */
export const PRIVILEGED_SELINUX_TYPES: ReadonlySet<string> = new Set([
  'spc_t',
  'unconfined_t',
  'unconfined_service_t',
  'kernel_t',
  'init_t',
  'initrc_t',
  'container_runtime_t',
  'docker_t',
]);

const typeOf = (spec: PodSpec, c: Container) => (effective(spec, c, 'seLinuxOptions') as { type?: unknown } | undefined)?.type;

export const selinuxPrivilegedType: PodPolicy = {
  id: 'selinux-privileged-type',
  title: 'Privileged SELinux type',
  severity: 'high',
  category: 'isolation',
  preset: 'recommended',
  rationale:
    'On SELinux nodes, container_t keeps containers away from host files and other containers. spc_t ("super privileged ' +
    'container"), unconfined_t, container_runtime_t and similar domains are exempt from that policy, so a process in them ' +
    'reaches whatever its user and capabilities allow on the node. Reported at every level, including privileged.',
  remediation: 'Remove seLinuxOptions.type (the runtime assigns container_t), or use container_t, container_init_t or container_kvm_t.',
  references: [REF.pss, REF.linuxKernelSecurity, REF.nsa],
  coveredBy: ['seLinuxOptions'],
  check: perContainer(
    (c, spec) => {
      const t = typeOf(spec, c);
      return typeof t === 'string' && PRIVILEGED_SELINUX_TYPES.has(t);
    },
    (c, path, spec, name) => {
      const field = effectivePath(spec, c, path, 'seLinuxOptions');
      return {
        detail: `${containerLabel(name)} runs with SELinux type ${JSON.stringify(typeOf(spec, c))}${field.startsWith('spec.securityContext') ? ' (set on the pod)' : ''}`,
        fields: [`${field}.type`],
      };
    },
  ),
};
