// The plan of most simple fixes: every field the finding names is set to one value, or removed.

import type { JsonValue } from '../../engine/change';
import type { FixContext, FixPlan } from '../../engine/fix';
import { subjectOf } from './pod-paths';

/** A plan setting each of the finding's fields to `value`, as remedy `remedy`. */
export function setEachField<R extends string>(remedy: R, value: JsonValue): (ctx: FixContext) => FixPlan<R> {
  return ({ pod, finding }) => ({
    changes: finding.fields.map((field) => ({ remedy, subject: subjectOf(pod, field), change: { op: 'set', path: field, value } })),
    manual: [],
  });
}

/** A plan removing each of the finding's fields, as remedy `remedy`. */
export function removeEachField<R extends string>(remedy: R): (ctx: FixContext) => FixPlan<R> {
  return ({ pod, finding }) => ({
    changes: finding.fields.map((field) => ({ remedy, subject: subjectOf(pod, field), change: { op: 'remove', path: field } })),
    manual: [],
  });
}
