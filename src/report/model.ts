// The scan results as other programs read them: the JSON contract of DESIGN.md, extended with
// severities, the standard each finding belongs to and the exceptions that matched. Every
// reporter (text, json, sarif, junit, and later formats) renders this one model.

import type { FindingException } from '../exceptions/exception';
import type { Severity } from '../policies/severity';
import type { Profile } from '../pss/evaluate';

export interface FieldRef {
  readonly path: string;
  /** 1-based line, when the source has positions. */
  readonly line?: number;
}

export interface Violation {
  readonly check: string;
  /** `pss` for the 19 Pod Security Standards checks, `podguard` for hardening policies. */
  readonly standard: string;
  /** The PSS level of a `pss` check; absent for policies. */
  readonly level?: string;
  readonly severity: Severity;
  readonly reason: string;
  readonly detail: string;
  readonly fields: readonly FieldRef[];
  /** For policy findings about one container. */
  readonly container?: string;
  /** The exception that matched; the violation is excepted only when `exception.status` is `applied`. */
  readonly exception?: FindingException;
}

export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** A rendered object's origin: what rendered it, from which input, and which text `line`s are in. */
export interface RenderedRef {
  readonly by: 'helm' | 'kustomize';
  readonly from: string;
  /** 'file': lines of `source.file`; 'output': lines of the rendered output (`helm template`, `kustomize build`). */
  readonly lines: 'file' | 'output';
}

export interface Result {
  readonly source: { readonly file: string; readonly document: number; readonly line: number; readonly rendered?: RenderedRef };
  readonly object: ObjectRef;
  readonly podPath: string;
  /** Pod Security Admission's verdict at the profile, exactly. */
  readonly allowed: boolean;
  /** Whether the object fails the run: a finding no exception covers, at or above the fail-on severity. */
  readonly failed: boolean;
  /** Set when Pod Security Admission exempts the pod (PodSecurityConfiguration exemptions). */
  readonly exempt?: string;
  /** Present only when per-namespace settings evaluated this object at another profile than the run's. */
  readonly profile?: { readonly level: string; readonly version: string };
  /** Riskiest first (severity, then PSS before policies, then evaluation order). */
  readonly violations: readonly Violation[];
}

export interface ReportError {
  readonly file: string;
  readonly document?: number;
  readonly line?: number;
  readonly message: string;
}

export interface Summary {
  files: number;
  objects: number;
  evaluated: number;
  allowed: number;
  denied: number;
  /** Objects that fail the run (see Result.failed). */
  failed?: number;
  /** Violations covered by an applied exception. */
  excepted?: number;
  errors: number;
  /** Inputs skipped because they hold no Kubernetes object (compose files, values.yaml, app config); only when some were. */
  notManifests?: number;
}

/** What one input file produced, in input order. */
export interface FileReport {
  readonly file: string;
  /** Set when the input was rendered (a kustomization or chart directory). */
  readonly rendered?: 'helm' | 'kustomize';
  /** The input holds no Kubernetes object and was skipped. */
  readonly notManifest?: boolean;
  readonly results: readonly Result[];
  readonly errors: readonly ReportError[];
}

/** How the run was configured, for reporters that show it (all optional: older callers pass only a profile). */
export interface RunInfo {
  readonly preset?: string;
  readonly failOn?: Severity;
  /** The configuration file in force, if any. */
  readonly configFile?: string;
}

/**
 * A reporter receives one file's results at a time, as they are produced, so output streams and
 * memory stays flat however many files are scanned. `end` may return a promise (output flushed).
 */
export interface Reporter {
  begin(profile: Profile, run?: RunInfo): void;
  file(report: FileReport): void;
  end(summary: Summary): void | Promise<void>;
}
