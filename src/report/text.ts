// `--format text` (the default): findings grouped by file, each at its line, with the exact
// message Pod Security Admission would return, then a one-line summary. Allowed objects are
// counted, not listed.

import { aggregateMessage, type Profile } from '../pss/evaluate';
import { palette, type Palette } from './color';
import type { FileReport, ObjectRef, Reporter, Result, Summary } from './model';
import { Output } from './output';

function describe(o: ObjectRef): string {
  const name = o.name === undefined ? '(unnamed)' : o.namespace === undefined ? o.name : `${o.namespace}/${o.name}`;
  return `${o.kind} ${name}`;
}

function firstLine(r: Result['violations'][number], fallback: number): number {
  for (const f of r.fields) if (f.line !== undefined) return f.line;
  return fallback;
}

export class TextReporter implements Reporter {
  private profile!: Profile;
  private readonly c: Palette;
  constructor(private readonly out = new Output(), color = false, private readonly errOut = new Output(process.stderr)) {
    this.c = palette(color);
  }

  begin(profile: Profile): void {
    this.profile = profile;
  }

  file(report: FileReport): void {
    const { c } = this;
    const denied = report.results.filter((r) => !r.allowed);
    for (const e of report.errors) {
      const where = [e.file, e.line].filter((x) => x !== undefined).join(':');
      this.errOut.write(`${c.bold(where)}: ${c.red('error')}: ${e.message}\n`);
    }
    this.errOut.flush();
    if (denied.length === 0) return;
    this.out.write(`${c.bold(report.file)}\n`);
    for (const r of denied) {
      this.out.write(`  ${describe(r.object)} ${c.dim(`(line ${r.source.line})`)}\n`);
      const width = Math.max(...r.violations.map((v) => v.check.length));
      for (const v of r.violations) {
        const line = String(firstLine(v, r.source.line)).padStart(5);
        const msg = v.detail || v.reason;
        this.out.write(`  ${c.dim(line)}  ${c.red(v.check.padEnd(width))}  ${msg}\n`);
      }
      this.out.write(`         ${c.yellow(aggregateMessage(this.profile, r.violations))}\n`);
    }
    this.out.write('\n');
  }

  async end(s: Summary): Promise<void> {
    const { c } = this;
    const verdict = s.denied > 0 ? c.red(`${s.denied} denied`) : c.green(`${s.denied} denied`);
    const errors = s.errors > 0 ? `, ${c.red(`${s.errors} ${s.errors === 1 ? 'error' : 'errors'}`)}` : '';
    this.out.write(
      `${s.files} ${s.files === 1 ? 'file' : 'files'}, ${s.objects} ${s.objects === 1 ? 'object' : 'objects'}, ` +
        `${s.evaluated} with pods: ${s.allowed} allowed, ${verdict}${errors} ` +
        `${c.dim(`(Pod Security Standards ${this.profile.level}:${this.profile.version === 'latest' ? 'latest' : `v1.${this.profile.version}`})`)}\n`,
    );
    this.errOut.flush();
    await this.out.close();
  }
}
