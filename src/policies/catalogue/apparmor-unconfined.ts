/*
appArmorProfile.type: Unconfined (field, on the container or inherited from the pod) or the
deprecated annotation container.apparmor.security.beta.kubernetes.io/<container>: unconfined.
*/

import type { Container, ObjectMeta, PodSpec } from '../../k8s/types';
import { nameOf } from '../../pss/helpers';
import { PASS, type PodPolicy, type PolicyFinding } from '../policy';
import { REF } from '../references';
import { effective, effectivePath } from '../resolve';
import { anyContainer, containerLabel, forEachContainer } from '../visit';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const fieldUnconfined = (c: Container, spec: PodSpec) => (effective(spec, c, 'appArmorProfile') as { type?: unknown } | undefined)?.type === 'Unconfined';

function annotationUnconfined(meta: ObjectMeta): boolean {
  const a = meta.annotations;
  if (a === null || typeof a !== 'object') return false;
  for (const k in a) if (k.startsWith(ANNOTATION_PREFIX) && a[k] === 'unconfined') return true;
  return false;
}

export const apparmorUnconfined: PodPolicy = {
  id: 'apparmor-unconfined',
  title: 'AppArmor explicitly unconfined',
  severity: 'high',
  category: 'isolation',
  preset: 'recommended',
  rationale:
    "On AppArmor nodes the runtime's default profile denies writes to /proc and /sys, mounts and other escape routes. " +
    'Unconfined removes that layer. Reported at every level, including privileged.',
  remediation: 'Remove the Unconfined profile (the runtime default then applies), or use appArmorProfile.type: RuntimeDefault or Localhost.',
  references: [REF.apparmor, REF.pss, REF.nsa],
  coveredBy: ['appArmorProfile'],
  check(meta, spec) {
    const byAnnotation = annotationUnconfined(meta);
    if (!byAnnotation && !anyContainer(spec, fieldUnconfined)) return PASS;
    const out: PolicyFinding[] = [];
    const annotations = (meta.annotations ?? {}) as Record<string, unknown>;
    forEachContainer(spec, (c, path) => {
      const name = nameOf(c);
      if (fieldUnconfined(c, spec)) {
        const field = effectivePath(spec, c, path, 'appArmorProfile');
        out.push({
          detail: `${containerLabel(name)} runs with AppArmor Unconfined${field.startsWith('spec.securityContext') ? ' (set on the pod)' : ''}`,
          fields: [`${field}.type`],
          container: name,
        });
      } else if (annotations[ANNOTATION_PREFIX + name] === 'unconfined') {
        out.push({
          detail: `${containerLabel(name)} runs with AppArmor unconfined (annotation)`,
          fields: [`metadata.annotations[${JSON.stringify(ANNOTATION_PREFIX + name)}]`],
          container: name,
        });
      }
    });
    return out.length > 0 ? out : PASS;
  },
};
