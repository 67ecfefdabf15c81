/*
A container that mounts a hostPath volume without readOnly: true can write to the node.
*/

import type { Container, PodSpec } from '../../k8s/types';
import { nameOf } from '../../pss/helpers';
import { hasHostPathVolume, hostPathVolumes } from '../host-paths';
import type { PodPolicy, PolicyFinding } from '../policy';
import { REF } from '../references';
import { containerLabel, forEachContainer, perPod } from '../visit';

function writableMounts(spec: PodSpec): PolicyFinding[] {
  const byName = new Map(hostPathVolumes(spec).map((v) => [v.name, v]));
  const out: PolicyFinding[] = [];
  forEachContainer(spec, (c: Container, path) => {
    const mounts: unknown = c.volumeMounts;
    if (!Array.isArray(mounts)) return;
    mounts.forEach((m: { name?: unknown; readOnly?: unknown; mountPath?: unknown } | null, i) => {
      if (m === null || typeof m !== 'object' || m.readOnly === true) return;
      const v = typeof m.name === 'string' ? byName.get(m.name) : undefined;
      if (!v) return;
      const name = nameOf(c);
      out.push({
        detail: `${containerLabel(name)} mounts host path ${JSON.stringify(v.path)} (volume ${JSON.stringify(v.name)}) writable`,
        fields: [`${path}.volumeMounts[${i}].readOnly`],
        container: name,
      });
    });
  });
  return out;
}

export const writableHostPath: PodPolicy = {
  id: 'writable-host-path',
  title: 'Writable host path mount',
  severity: 'high',
  category: 'filesystem',
  preset: 'recommended',
  rationale:
    'A writable hostPath mount lets the container change files on the node that outlive the pod and that other pods or node ' +
    'services read, and, with a symlink planted in it, reach files outside the mounted directory.',
  remediation: 'Set readOnly: true on the volumeMount, or use a persistent volume or emptyDir instead of hostPath.',
  references: [REF.hostPath, REF.nsa, REF.cis('5.2.12', 'Minimize the admission of HostPath volumes')],
  coveredBy: ['hostPathVolumes', 'restrictedVolumes'],
  check: perPod((spec) => hasHostPathVolume(spec) && writableMounts(spec).length > 0, writableMounts),
};
