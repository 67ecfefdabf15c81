// `--format text` (the default): findings grouped by file, riskiest first, each at its line with
// its severity; excepted findings stay visible with their justification; for pods the standard
// denies, the exact message Pod Security Admission would return. Ends with a summary line and
// the riskiest workloads. Objects with no findings are counted, not listed.

import { aggregateMessage, type Profile } from '../pss/evaluate';
import { effectiveMinor, parseVersion } from '../pss/version';
import type { Severity } from '../policies/severity';
import { palette, type Paint, type Palette } from '../terminal/color';
import type { FileReport, Reporter, Result, RunInfo, Summary, Violation } from './model';
import { Output } from './output';
import { describeObject } from '../k8s/object-ref';
import { pssInUpstreamOrder, RiskiestWorkloads } from './risk';

function firstLine(r: Violation, fallback: number): number {
  for (const f of r.fields) if (f.line !== undefined) return f.line;
  return fallback;
}

const LABEL: Readonly<Record<Severity, string>> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

function severityPaint(c: Palette, s: Severity): Paint {
  return s === 'critical' ? (x) => c.bold(c.red(x)) : s === 'high' ? c.red : s === 'medium' ? c.yellow : c.cyan;
}

function exceptionNote(v: Violation): string | undefined {
  const e = v.exception;
  if (!e) return undefined;
  const where = e.source === 'annotation' ? `annotation ${e.annotation}` : e.line !== undefined ? `${e.file}:${e.line}` : e.id;
  switch (e.status) {
    case 'applied':
      return `excepted (${where}${e.expires ? `, until ${e.expires}` : ''}): ${e.justification}`;
    case 'expired':
      return `exception expired ${e.expires} (${where}), so this counts again`;
    case 'locked':
    case 'invalid':
      return `exception not applied (${where}): ${e.problem}`;
  }
}

/** Where an object is: its line, and for a rendered object which text that line is in. */
function whereOf(r: Result): string {
  return r.source.rendered?.lines === 'output' ? `line ${r.source.line} of the rendered output` : `line ${r.source.line}`;
}

/** The version as used: latest, or v1.N with a newer-than-known version shown as the one evaluated. */
function shownProfile(p: Profile): Profile {
  return p.version === 'latest' ? p : { level: p.level, version: effectiveMinor(p.version) };
}

export class TextReporter implements Reporter {
  private profile!: Profile;
  private run: RunInfo | undefined;
  private readonly c: Palette;
  private readonly riskiest = new RiskiestWorkloads(5);
  constructor(
    private readonly out = new Output(),
    color = false,
    private readonly errOut = new Output(process.stderr),
  ) {
    this.c = palette(color);
  }

  begin(profile: Profile, run?: RunInfo): void {
    this.profile = profile;
    this.run = run;
  }

  private profileOf(r: Result): Profile {
    if (!r.profile) return this.profile;
    return { level: r.profile.level as Profile['level'], version: parseVersion(r.profile.version) ?? this.profile.version };
  }

  file(report: FileReport): void {
    const { c } = this;
    for (const e of report.errors) {
      const where = [e.file, e.line].filter((x) => x !== undefined).join(':');
      this.errOut.write(`${c.bold(where)}: ${c.red('error')}: ${e.message}\n`);
    }
    this.errOut.flush();
    const shown = report.results.filter((r) => r.violations.length > 0);
    if (shown.length === 0) return;
    // Rendered objects are grouped under the file each comes from (its template or resource), so
    // `helm template | podguard scan -` names templates rather than <stdin>.
    let header: string | undefined;
    for (const r of shown) {
      const rendered = r.source.rendered;
      const file = rendered ? r.source.file : report.file;
      const how = rendered ? ` (${rendered.by === 'helm' ? 'helm template' : 'kustomize build'} of ${rendered.from})` : '';
      if (file + how !== header) {
        if (header !== undefined) this.out.write('\n');
        this.out.write(`${c.bold(file)}${c.dim(how)}\n`);
        header = file + how;
      }
      this.riskiest.add(r);
      const verdict = r.failed ? '' : c.green(' (passes: every finding excepted or a policy finding below --fail-on)');
      this.out.write(`  ${describeObject(r.object)} ${c.dim(`(${whereOf(r)})`)}${verdict}\n`);
      const width = Math.max(...r.violations.map((v) => v.check.length));
      for (const v of r.violations) {
        const line = String(firstLine(v, r.source.line)).padStart(5);
        const msg = v.detail || v.reason;
        const sev = severityPaint(c, v.severity)(LABEL[v.severity].padEnd(8));
        const note = exceptionNote(v);
        if (v.exception?.status === 'applied') {
          this.out.write(`  ${c.dim(line)}  ${c.dim(`${'EXCEPTED'.padEnd(8)}  ${v.check.padEnd(width)}  ${msg}`)}\n`);
        } else {
          this.out.write(`  ${c.dim(line)}  ${sev}  ${v.check.padEnd(width)}  ${msg}\n`);
        }
        if (note !== undefined) this.out.write(`  ${' '.repeat(5)}  ${' '.repeat(8)}  ${' '.repeat(width)}  ${c.dim(`↳ ${note}`)}\n`);
      }
      if (!r.allowed) this.out.write(`         ${c.yellow(aggregateMessage(shownProfile(this.profileOf(r)), pssInUpstreamOrder(r.violations)))}\n`);
    }
    this.out.write('\n');
  }

  async end(s: Summary): Promise<void> {
    const { c } = this;
    const risky = this.riskiest.list();
    if (risky.length > 0) {
      this.out.write(`${c.bold('Riskiest workloads')}\n`);
      for (const w of risky) {
        const counts = (['critical', 'high', 'medium', 'low'] as const).filter((k) => w.counts[k] > 0).map((k) => severityPaint(c, k)(`${w.counts[k]} ${k}`));
        this.out.write(`  ${describeObject(w.object).padEnd(40)} ${counts.join(', ')}  ${c.dim(`${w.file}:${w.line}`)}\n`);
      }
      this.out.write('\n');
    }
    const failed = s.failed ?? s.denied;
    const verdict = failed > 0 ? c.red(`${failed} failed`) : c.green(`${failed} failed`);
    const errors = s.errors > 0 ? `, ${c.red(`${s.errors} ${s.errors === 1 ? 'error' : 'errors'}`)}` : '';
    if (s.notManifests) {
      this.out.write(
        c.dim(
          s.notManifests === 1
            ? '1 file is not a Kubernetes manifest (no apiVersion and kind) and was skipped\n'
            : `${s.notManifests} files are not Kubernetes manifests (no apiVersion and kind) and were skipped\n`,
        ),
      );
    }
    const excepted = s.excepted ? `, ${s.excepted} excepted ${s.excepted === 1 ? 'finding' : 'findings'}` : '';
    const version = this.profile.version === 'latest' ? 'latest' : `v1.${effectiveMinor(this.profile.version)}`;
    const settings = [`Pod Security Standards ${this.profile.level}:${version}`];
    if (this.run?.preset) settings.push(`preset ${this.run.preset}`);
    if (this.run?.failOn && this.run.failOn !== 'low') settings.push(`fail on ${this.run.failOn}`);
    if (this.run?.configFile) settings.push(`config ${this.run.configFile}`);
    this.out.write(
      `${s.files} ${s.files === 1 ? 'file' : 'files'}, ${s.objects} ${s.objects === 1 ? 'object' : 'objects'}, ` +
        `${s.evaluated} with pods: ${s.allowed} allowed and ${s.denied} denied by the standard; ${verdict}${excepted}${errors} ` +
        `${c.dim(`(${settings.join(', ')})`)}\n`,
    );
    this.errOut.flush();
    await this.out.close();
  }
}
