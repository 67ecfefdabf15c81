// Plans the fixes for one evaluated object: for each finding, its fix's changes (made relative to
// the object), split into those the options allow and those held back, and for what cannot be
// fixed, the reason to tell the user.

import type { ObjectVerdict, Finding } from '../../engine/evaluate';
import { podViewOf } from '../../engine/pod-views';
import type { KubeObject } from '../../k8s/types';
import { builtinPolicies } from '../../policies/registry';
import type { Profile } from '../../pss/evaluate';
import { prefixChange, type Change } from './change';
import type { PodFinding } from './fix';
import { fixFor } from './registry';

export interface FixOptions {
  /** Apply behaviour-changing remedies too. */
  readonly unsafe: boolean;
  /** Only the fixes for these ids run; undefined: all. */
  readonly only?: ReadonlySet<string>;
}

/** A change to make, with where it came from; its path is relative to the object. */
export interface ObjectChange {
  readonly check: string;
  /** Other findings' fixes that asked for this same change (it is made once, for all of them). */
  readonly alsoFor: string[];
  readonly remedy: string;
  readonly safe: boolean;
  readonly subject: string;
  readonly change: Change;
}

/** Why a finding is not (entirely) fixed. */
export type Outlook =
  /** No fix exists; `advice` is the policy's remediation, when it has one. */
  | { readonly kind: 'no-fix'; readonly advice?: string }
  | { readonly kind: 'not-selected' }
  | { readonly kind: 'needs-unsafe'; readonly remedies: readonly string[] }
  | { readonly kind: 'manual'; readonly reasons: readonly string[] }
  /** The fix planned changes that could not be made in the source (an alias, a pass limit). */
  | { readonly kind: 'not-applied'; readonly reasons: readonly string[] };

export interface FindingPlan {
  readonly finding: Finding;
  /** Changes the options allow. */
  readonly changes: readonly ObjectChange[];
  /** Reasons the finding may remain after the changes (empty when the fix expects to clear it). */
  readonly outlooks: readonly Outlook[];
}

function toPodFinding(f: Finding, prefix: string): PodFinding {
  return {
    check: f.check,
    reason: f.reason,
    detail: f.detail,
    fields: f.fields.map((p) => (prefix !== '' && p.startsWith(prefix) ? p.slice(prefix.length) : p)),
  };
}

function changeKey(c: ObjectChange): string {
  return JSON.stringify(c.change);
}

/** Whether a finding still needs fixing: an exception that applies to it settles it. */
export function isOpen(f: Finding): boolean {
  return f.exception?.status !== 'applied';
}

/** The findings of a verdict that still need fixing. */
export function openFindings(verdict: ObjectVerdict): Finding[] {
  return verdict.findings.filter(isOpen);
}

/** No fix exists for the check: the policy's remediation is the advice, where it has one. */
function noFix(check: string): Outlook {
  const advice = builtinPolicies().get(check)?.remediation;
  return advice === undefined ? { kind: 'no-fix' } : { kind: 'no-fix', advice };
}

/**
 * Plans every open finding of an object (excepted ones are left alone), in the verdict's order.
 * Identical changes from different findings are kept once.
 */
export function planObject(obj: KubeObject, verdict: ObjectVerdict, profile: Profile, options: FixOptions): FindingPlan[] {
  const open = openFindings(verdict);
  const view = podViewOf(obj);
  // An object with no pod (a Service a CEL policy judges) has nothing to fix, but its findings
  // stay open and are reported, so a failed object always says why.
  if (!view) return open.map((finding): FindingPlan => ({ finding, changes: [], outlooks: [noFix(finding.check)] }));
  const pod = { metadata: view.metadata, spec: view.spec };
  const seen = new Map<string, ObjectChange>();
  const podFindings = open.map((f) => toPodFinding(f, view.prefix));
  return open.map((finding, index): FindingPlan => {
    const fix = fixFor(finding.check);
    if (!fix) return { finding, changes: [], outlooks: [noFix(finding.check)] };
    if (options.only && !options.only.has(finding.check)) return { finding, changes: [], outlooks: [{ kind: 'not-selected' }] };
    const plan = fix.plan({ pod, finding: podFindings[index]!, others: podFindings.filter((_, i) => i !== index), profile });
    const changes: ObjectChange[] = [];
    const held = new Set<string>();
    for (const p of plan.changes) {
      const remedy = fix.remedies[p.remedy]!;
      if (!remedy.safe && !options.unsafe) {
        held.add(p.remedy);
        continue;
      }
      const c: ObjectChange = {
        check: fix.id,
        alsoFor: [],
        remedy: p.remedy,
        safe: remedy.safe,
        subject: p.subject,
        change: prefixChange(p.change, view.prefix),
      };
      const key = changeKey(c);
      const earlier = seen.get(key);
      if (earlier) {
        if (earlier.check !== fix.id && !earlier.alsoFor.includes(fix.id)) earlier.alsoFor.push(fix.id);
        continue;
      }
      seen.set(key, c);
      changes.push(c);
    }
    const outlooks: Outlook[] = [];
    if (held.size > 0) outlooks.push({ kind: 'needs-unsafe', remedies: [...held] });
    if (plan.manual.length > 0) outlooks.push({ kind: 'manual', reasons: plan.manual });
    return { finding, changes, outlooks };
  });
}
