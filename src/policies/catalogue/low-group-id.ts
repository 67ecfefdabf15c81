/*
GIDs below 10000 (runAsGroup, fsGroup, supplementalGroups) are shared with real groups on the
node, such as `docker`, `disk` or `adm`.
*/

import type { Container, PodSpec } from '../../k8s/types';
import { PASS, type PodPolicy, type PolicyFinding } from '../policy';
import { REF } from '../references';
import { effective, effectivePath, isIdBetween, isWindowsPod, podSecurityContext } from '../resolve';
import { anyContainer, containerLabel, forEachContainer } from '../visit';
import { nameOf } from '../../pss/helpers';

const low = (v: unknown) => isIdBetween(v, 1, 9999);
const lowRunAsGroup = (c: Container, spec: PodSpec) => low(effective(spec, c, 'runAsGroup'));

function lowSupplemental(spec: PodSpec): boolean {
  const groups: unknown = podSecurityContext(spec)?.supplementalGroups;
  if (!Array.isArray(groups)) return false;
  for (let i = 0; i < groups.length; i++) if (low(groups[i])) return true;
  return false;
}

export const lowGroupId: PodPolicy = {
  id: 'low-group-id',
  title: 'Group ID below 10000',
  severity: 'low',
  category: 'identity',
  preset: 'strict',
  rationale:
    "Without user namespaces, the container's groups are the node's groups. GIDs 1-9999 name real groups on typical hosts " +
    "(disk, adm, docker, …): a process that reaches a host file, socket or device owned by such a group gets that group's access.",
  remediation: 'Use GIDs of 10000 or above for runAsGroup, fsGroup and supplementalGroups.',
  references: [REF.securityContext, REF.nsa],
  check(_meta, spec) {
    if (isWindowsPod(spec)) return PASS;
    const fsGroup = podSecurityContext(spec)?.fsGroup;
    if (!low(fsGroup) && !lowSupplemental(spec) && !anyContainer(spec, lowRunAsGroup)) return PASS;
    const out: PolicyFinding[] = [];
    forEachContainer(spec, (c, path) => {
      if (!lowRunAsGroup(c, spec)) return;
      const name = nameOf(c);
      out.push({
        detail: `${containerLabel(name)} runs with GID ${String(effective(spec, c, 'runAsGroup'))}, below 10000`,
        fields: [effectivePath(spec, c, path, 'runAsGroup')],
        container: name,
      });
    });
    if (low(fsGroup)) out.push({ detail: `pod sets fsGroup=${String(fsGroup)}, below 10000`, fields: ['spec.securityContext.fsGroup'] });
    const groups = podSecurityContext(spec)?.supplementalGroups;
    if (Array.isArray(groups)) {
      groups.forEach((g, i) => {
        if (low(g)) out.push({ detail: `pod adds supplemental group ${String(g)}, below 10000`, fields: [`spec.securityContext.supplementalGroups[${i}]`] });
      });
    }
    return out;
  },
};
