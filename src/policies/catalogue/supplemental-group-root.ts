/*
supplementalGroups containing 0 adds the root group to every container in the pod.
*/

import type { PodSpec } from '../../k8s/types';
import type { PodPolicy, PolicyFinding } from '../policy';
import { REF } from '../references';
import { isWindowsPod, podSecurityContext } from '../resolve';
import { perPod } from '../visit';

function groups(spec: PodSpec): readonly unknown[] {
  const g: unknown = podSecurityContext(spec)?.supplementalGroups;
  return Array.isArray(g) ? g : [];
}

export const supplementalGroupRoot: PodPolicy = {
  id: 'supplemental-group-root',
  title: 'Supplemental group 0',
  severity: 'medium',
  category: 'identity',
  preset: 'recommended',
  rationale:
    "supplementalGroups apply to every container in the pod. Group 0 gives each of them the root group's access to files and " +
    'devices that are group-accessible to root, on volumes and on any host path they reach.',
  remediation: 'Remove 0 from spec.securityContext.supplementalGroups.',
  references: [REF.securityContext, REF.nsa],
  check: perPod(
    (spec) => !isWindowsPod(spec) && Array.isArray(podSecurityContext(spec)?.supplementalGroups) && podSecurityContext(spec)!.supplementalGroups!.includes(0),
    (spec) => {
      const out: PolicyFinding[] = [];
      groups(spec).forEach((g, i) => {
        if (g === 0) out.push({ detail: 'pod adds supplemental group 0 (root) to every container', fields: [`spec.securityContext.supplementalGroups[${i}]`] });
      });
      return out;
    },
  ),
};
