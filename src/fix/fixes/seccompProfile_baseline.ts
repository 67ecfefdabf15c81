// Fix for the Pod Security Standards check seccompProfile_baseline (baseline).

import { parsePath } from '../../sources/positions';
import { valueAt } from '../engine/change';
import { defineFix, type PlannedChange } from '../engine/fix';
import { runtimeDefaultAt, SECCOMP_EXPLICIT, SECCOMP_UNSET, type SeccompRemedy } from './shared/seccomp';

const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** `pod`, or `container "x"` for the per-container annotation. */
function annotationSubject(field: string): string {
  const key = String(parsePath(field).at(-1));
  return key.startsWith(CONTAINER_ANNOTATION_PREFIX) ? `container ${JSON.stringify(key.slice(CONTAINER_ANNOTATION_PREFIX.length))}` : 'pod';
}

export const seccompProfile_baseline = defineFix({
  id: 'seccompProfile_baseline',
  summary: 'Replace Unconfined seccomp profiles (fields, or the alpha annotations before v1.19) with the runtime default.',
  remedies: {
    unset: SECCOMP_UNSET,
    explicit: SECCOMP_EXPLICIT,
    annotation: {
      safe: false,
      change: 'sets an unconfined seccomp.security.alpha.kubernetes.io annotation to runtime/default',
      rationale: SECCOMP_EXPLICIT.rationale,
      verify: SECCOMP_EXPLICIT.verify!,
    },
  },
  plan({ pod, finding }) {
    const changes: PlannedChange<SeccompRemedy | 'annotation'>[] = [];
    for (const field of finding.fields) {
      if (field.startsWith('metadata.annotations[')) {
        if (typeof valueAt(pod, field) !== 'string') continue;
        changes.push({ remedy: 'annotation', subject: annotationSubject(field), change: { op: 'set', path: field, value: 'runtime/default' } });
      } else {
        changes.push(...runtimeDefaultAt(pod, field));
      }
    }
    return { changes, manual: [] };
  },
});
