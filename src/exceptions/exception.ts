// The exceptions model shared by every command that evaluates (scan, fix, the webhook, the
// audit). An exception names what it covers (checks, and optionally namespaces, kinds, object
// names and containers, as patterns), says why (a justification is required) and may expire.
// It never hides a finding: the finding stays in the results, marked with the exception that
// covers it (see FindingException), and an excepted finding does not fail the run.
//
// Two forms:
// - in configuration (podguard.yaml `exceptions:`), written by whoever owns the configuration;
// - as annotations on the object or its pod template, kept next to the manifest by the team that
//   owns it (see annotations.ts). Checks listed in `lockedChecks` cannot be excepted this way.

import type { NamePattern } from './pattern';

/** Where an exception was written. */
export type ExceptionOrigin =
  { readonly kind: 'config'; readonly file: string; readonly line?: number } | { readonly kind: 'annotation'; readonly key: string };

export interface ExceptionRule {
  /** Stable identity for reports and lint: the configured `id`, else `file:line`, else the annotation key. */
  readonly id: string;
  readonly checks: readonly string[];
  /** Each list narrows the scope; absent means any. */
  readonly namespaces?: readonly NamePattern[];
  readonly kinds?: readonly string[];
  readonly names?: readonly NamePattern[];
  readonly containers?: readonly NamePattern[];
  /** Why the exception is acceptable; an exception without one never applies. */
  readonly justification: string;
  /** The expiry as written (`2026-03-31` or an RFC 3339 time). */
  readonly expires?: string;
  /** First instant (ms since the epoch) at which the exception no longer applies. A date applies through that day, UTC. */
  readonly expiresAt?: number;
  readonly origin: ExceptionOrigin;
  /** Set when the rule is unusable (annotations only: config problems are errors): it never applies. */
  readonly problem?: string;
}

/**
 * How an exception relates to a finding:
 * - `applied`: it covers the finding; the finding is shown as excepted and does not fail the run;
 * - `expired`: it would cover the finding but its expiry has passed; the finding counts again;
 * - `locked`: an annotation tried to except a check the administrator locked; the finding counts;
 * - `invalid`: an annotation matched but is unusable (no justification, bad expiry); the finding counts.
 */
export type ExceptionStatus = 'applied' | 'expired' | 'locked' | 'invalid';

/** What a finding carries about the exception that matched it (plain data, safe to serialise). */
export interface FindingException {
  readonly status: ExceptionStatus;
  /** The rule's id (see ExceptionRule.id). */
  readonly id: string;
  readonly source: 'config' | 'annotation';
  readonly justification: string;
  readonly expires?: string;
  /** For config exceptions: where they are written. */
  readonly file?: string;
  readonly line?: number;
  /** For annotation exceptions: the annotation key. */
  readonly annotation?: string;
  /** For `invalid`/`locked`: what is wrong, in words. */
  readonly problem?: string;
}

/** The exceptions in force for an evaluation. */
export interface ExceptionSet {
  /** Configured exceptions, in file order (the first that applies wins). */
  readonly rules: readonly ExceptionRule[];
  /** Checks that annotations cannot except. */
  readonly locked: ReadonlySet<string>;
  /** Whether the annotation form is honoured at all (default true). */
  readonly annotations: boolean;
}

export const NO_EXCEPTIONS: ExceptionSet = Object.freeze({
  rules: Object.freeze([]) as readonly ExceptionRule[],
  locked: new Set<string>(),
  annotations: true,
});

export function isExcepted(f: { readonly exception?: FindingException }): boolean {
  return f.exception?.status === 'applied';
}
