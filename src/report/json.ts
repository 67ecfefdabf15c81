// `--format json`: one JSON document on stdout (DESIGN.md's contract, extended with each
// violation's severity, standard and exception, and the run's preset and fail-on threshold),
// written as results arrive — one result per line — so memory does not grow with the number of files.

import type { Profile } from '../pss/evaluate';
import { effectiveMinor } from '../pss/version';
import type { FileReport, Reporter, ReportError, RunInfo, Summary } from './model';
import { Output } from './output';

export class JsonReporter implements Reporter {
  private first = true;
  private readonly errors: ReportError[] = [];
  constructor(private readonly out = new Output()) {}

  begin(profile: Profile, run?: RunInfo): void {
    const p = { level: profile.level, version: `v1.${effectiveMinor(profile.version)}` };
    const settings = run ? `"settings":${JSON.stringify({ preset: run.preset, failOn: run.failOn, config: run.configFile })},` : '';
    this.out.write(`{"schemaVersion":1,"profile":${JSON.stringify(p)},${settings}"results":[`);
  }

  file(report: FileReport): void {
    for (const r of report.results) {
      this.out.write(this.first ? '\n' : ',\n');
      this.first = false;
      this.out.write(JSON.stringify(r));
    }
    this.errors.push(...report.errors);
  }

  end(summary: Summary): Promise<void> {
    this.out.write(`\n],"errors":${JSON.stringify(this.errors)},"summary":${JSON.stringify(summary)}}\n`);
    return this.out.close();
  }
}
