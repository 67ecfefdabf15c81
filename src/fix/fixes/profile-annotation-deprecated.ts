// Fix for the hardening policy profile-annotation-deprecated: the annotation becomes the field,
// where the Kubernetes version being fixed for has it (seccomp v1.19, KEP-135; AppArmor v1.30,
// KEP-24). The values map as the API server maps them when it copies an annotation into the
// field (pkg/api/pod/util.go / pkg/registry/core/pod/strategy.go: runtime/default and
// docker/default → RuntimeDefault, unconfined → Unconfined, localhost/<p> → Localhost with
// localhostProfile <p>), so the pod means exactly what it meant.

import { defineFix, type PlannedChange } from '../engine/fix';
import { valueAt } from '../engine/change';
import { fieldForAnnotation, fieldMatches, profileField } from '../../policies/catalogue/profile-annotation-deprecated';
import { parsePath } from '../../sources/positions';
import type { PodSpec } from '../../k8s/types';
import { subjectOf } from './shared/pod-paths';

const SINCE = { seccomp: 19, apparmor: 30 } as const;

export const profileAnnotationDeprecated = defineFix({
  id: 'profile-annotation-deprecated',
  summary: 'Move deprecated seccomp and AppArmor annotations into the securityContext fields.',
  remedies: {
    'move-to-field': {
      safe: true,
      change:
        'sets securityContext.seccompProfile or securityContext.appArmorProfile (of the pod, or of the container the annotation ' +
        'names) from the annotation, mapped as the API server maps it, then removes the annotation',
      rationale:
        'The API server copies such an annotation into the unset field when the pod is created and the kubelet applies the field: ' +
        'the pod runs with the same profile. Applied only for Kubernetes versions that have the field (seccomp v1.19, AppArmor v1.30).',
    },
  },
  manual: 'An annotation for a container the pod does not have, or with a value the API server rejects, is left for you to remove.',
  plan({ pod, finding, profile }) {
    const changes: PlannedChange<'move-to-field'>[] = [];
    const manual: string[] = [];
    const minor = profile.version === 'latest' ? Infinity : profile.version;
    for (const field of finding.fields) {
      const key = String(parsePath(field).at(-1));
      const kind = key.includes('apparmor') ? 'apparmor' : 'seccomp';
      const value = (pod.metadata?.annotations as Record<string, unknown> | undefined)?.[key];
      if (minor < SINCE[kind]) {
        manual.push(
          `${key}: the ${kind === 'seccomp' ? 'seccompProfile' : 'appArmorProfile'} field exists from Kubernetes v1.${SINCE[kind]}; keep the annotation for v1.${minor}`,
        );
        continue;
      }
      const target = fieldForAnnotation(key, pod.spec as PodSpec);
      const mapped = typeof value === 'string' ? profileField(kind, value) : undefined;
      if (target === undefined || mapped === undefined) {
        manual.push(`${key}: ${target === undefined ? 'names no container of this pod' : `value ${JSON.stringify(value)} has no field equivalent`}`);
        continue;
      }
      const subject = subjectOf(pod, target);
      // Field first; the annotation goes in a later pass, once the field says the same, so no pass
      // (whose changes the engine may take only in part) ever leaves the pod without its profile.
      if (fieldMatches(valueAt(pod, target), mapped)) changes.push({ remedy: 'move-to-field', subject, change: { op: 'remove', path: field } });
      else changes.push({ remedy: 'move-to-field', subject, change: { op: 'set', path: target, value: mapped } });
    }
    return { changes, manual };
  },
});
