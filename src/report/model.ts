// The scan results as other programs read them: the JSON contract of DESIGN.md. Every reporter
// (text, json, and later formats) renders this one model.

import type { Profile } from '../pss/evaluate';

export interface FieldRef {
  readonly path: string;
  /** 1-based line, when the source has positions. */
  readonly line?: number;
}

export interface Violation {
  readonly check: string;
  readonly standard: string;
  readonly level: string;
  readonly reason: string;
  readonly detail: string;
  readonly fields: readonly FieldRef[];
}

export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface Result {
  readonly source: { readonly file: string; readonly document: number; readonly line: number };
  readonly object: ObjectRef;
  readonly podPath: string;
  readonly allowed: boolean;
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
  errors: number;
}

/** What one input file produced, in input order. */
export interface FileReport {
  readonly file: string;
  readonly results: readonly Result[];
  readonly errors: readonly ReportError[];
}

/**
 * A reporter receives one file's results at a time, as they are produced, so output streams and
 * memory stays flat however many files are scanned. `end` may return a promise (output flushed).
 */
export interface Reporter {
  begin(profile: Profile): void;
  file(report: FileReport): void;
  end(summary: Summary): void | Promise<void>;
}
