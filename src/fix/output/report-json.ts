// `podguard fix --format json`: one JSON document on standard output, for programs (CI, the
// conformance measurement) — every file with what was fixed, what is left and why, its diff or
// fixed text, and a summary.

import { effectiveMinor } from '../../pss/version';
import { Output } from '../../report/output';
import type { ComponentWrite } from './kustomize';
import type { FileFix, FixReporter, FixSummary, RunOptions } from '../run';

export class JsonFixReporter implements FixReporter {
  private options!: RunOptions;
  private readonly files: unknown[] = [];
  private readonly errors: unknown[] = [];

  constructor(private readonly out = new Output(process.stdout)) {}

  begin(options: RunOptions): void {
    this.options = options;
  }

  file(f: FileFix): void {
    this.errors.push(...f.errors);
    if (f.objects.length === 0 && !f.changed && f.errors.length > 0) return;
    this.files.push({
      file: f.file,
      changed: f.changed,
      written: f.written,
      ...(f.diff !== undefined ? { diff: f.diff } : {}),
      ...(f.output !== undefined ? { output: f.output } : {}),
      objects: f.objects.map((o) => ({
        source: o.result.source,
        object: o.result.object,
        podPath: o.result.podPath,
        allowed: o.result.allowed,
        fixed: o.applied.map((a) => ({
          check: a.check,
          remedy: a.remedy,
          safe: a.safe,
          subject: a.subject,
          change: a.change,
          ...(a.alsoFor.length ? { alsoFor: a.alsoFor } : {}),
        })),
        remaining: o.remaining.map((r) => ({ ...r.violation, why: r.why })),
      })),
    });
  }

  async end(summary: FixSummary, component?: ComponentWrite): Promise<void> {
    const { settings, fix, write, emit } = this.options;
    const doc = {
      schemaVersion: 1,
      profile: { level: settings.base.profile.level, version: `v1.${effectiveMinor(settings.base.profile.version)}` },
      options: { unsafe: fix.unsafe, write, emit, ...(fix.only ? { only: [...fix.only] } : {}) },
      files: this.files,
      ...(component ? { kustomize: component } : {}),
      errors: this.errors,
      summary,
    };
    this.out.write(`${JSON.stringify(doc, null, 2)}\n`);
    await this.out.close();
  }
}
