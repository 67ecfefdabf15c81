// What fixing an object came to, as the reports show it: the object as the scanner sees it after
// fixing, the changes made, and each finding still open with the reasons it was not fixed.

import type { Finding, ObjectVerdict } from '../../engine/evaluate';
import type { Result, Violation } from '../../report/model';
import type { NamespacedSettings } from '../../scan/scan-inputs';
import { toResult } from '../../scan/to-result';
import type { SourceObject } from '../../sources/parse-documents';
import { planObject, type FixOptions, type ObjectChange, type Outlook } from './plan';

export interface AppliedChange extends ObjectChange {
  readonly pass: number;
}

/** A finding still there after fixing, and why. */
export interface Remaining {
  readonly violation: Violation;
  readonly why: readonly Outlook[];
}

export interface ObjectOutcome {
  /** The object as the scanner reports it after fixing (its violations located at their lines). */
  readonly result: Result;
  readonly applied: readonly AppliedChange[];
  readonly remaining: readonly Remaining[];
}

/** The settings for an object's namespace. */
export function settingsOf(settings: NamespacedSettings, obj: { readonly metadata?: { readonly namespace?: unknown } }) {
  const namespace = obj.metadata?.namespace;
  return settings.settingsFor(typeof namespace === 'string' ? namespace : undefined);
}

/** One finding as a located violation (toResult's, without its reordering). */
export function violationOf(src: SourceObject, verdict: ObjectVerdict, finding: Finding): Violation {
  return toResult(src, { ...verdict, findings: [finding] }).violations[0]!;
}

/** The scanner's view of an object after fixing, with each open finding's reasons for being left. */
export function outcomeOf(
  src: SourceObject,
  verdict: ObjectVerdict,
  applied: readonly AppliedChange[],
  why: (check: string, plannedChanges: number) => Outlook[],
  settings: NamespacedSettings,
  options: FixOptions,
): ObjectOutcome {
  const objectSettings = settingsOf(settings, src.object);
  const plans = planObject(src.object, verdict, objectSettings.profile, options);
  const remaining = plans.map((plan): Remaining => ({
    violation: violationOf(src, verdict, plan.finding),
    why: [...plan.outlooks, ...why(plan.finding.check, plan.changes.length)],
  }));
  return { result: toResult(src, verdict, objectSettings.profile, settings.base.profile), applied, remaining };
}
