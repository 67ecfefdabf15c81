// `podguard audit` (text, the default): a table with one row per namespace — the level it
// enforces, the strictest level all its workloads meet today, and how many workloads fail each
// level — then the workloads that violate what their namespace enforces (with Pod Security
// Admission's own message), then what blocks each namespace from the next level up. Errors go to
// stderr. Rows are small and kept until the end so the columns line up.

import { palette, type Palette } from '../../terminal/color';
import { Output } from '../../report/output';
import { aggregateMessage } from '../../pss/evaluate';
import { compareLevels, type Level } from '../../pss/levels';
import { parseVersion } from '../../pss/version';
import { severityRank } from '../../policies/severity';
import type { AuditError, AuditReporter, AuditSummary, AuditTarget, NamespaceAudit, WorkloadAudit } from '../model';
import { describeError, describeTarget } from './describe';

/** Workloads listed per namespace under "blocking"; the rest are counted. */
export const BLOCKERS_SHOWN = 3;
/** Policy findings named per workload, and workloads listed, under "Hardening policy findings". */
export const POLICY_FINDINGS_SHOWN = 5;
export const POLICY_WORKLOADS_SHOWN = 20;

const NEXT_LEVEL: Readonly<Record<Level, 'baseline' | 'restricted' | undefined>> = { privileged: 'baseline', baseline: 'restricted', restricted: undefined };

const fmt = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${fmt(n)} ${n === 1 ? one : many}`;

function workloadName(w: WorkloadAudit): string {
  return `${w.object.kind} ${w.object.name}${w.pods > 0 ? ` (${plural(w.pods, 'pod', 'pods')})` : ''}`;
}

interface Row {
  readonly cells: readonly string[];
  readonly tone: 'good' | 'warn' | 'bad' | 'none';
}

export class TextAuditReporter implements AuditReporter {
  private readonly c: Palette;
  private target!: AuditTarget;
  private readonly rows: Row[] = [];
  private readonly violating: string[] = [];
  private readonly blocking: string[] = [];
  private readonly labelErrors: string[] = [];
  /** Workloads with open policy findings, riskiest first at the end: a count alone hides a node escape. */
  private readonly policyFindings: { rank: number; text: string }[] = [];
  private anyPolicies = false;

  constructor(
    private readonly out = new Output(),
    color = false,
    private readonly errOut = new Output(process.stderr),
  ) {
    this.c = palette(color);
  }

  begin(target: AuditTarget): void {
    this.target = target;
  }

  namespace(ns: NamespaceAudit): void {
    const { c } = this;
    for (const e of ns.errors) this.errOut.write(`${c.red('error')}: ${describeError(e)}\n`);
    this.errOut.flush();
    const f = ns.counts.failing;
    const enforce = ns.policy.enforce;
    const notes: string[] = [];
    if (ns.exempt) notes.push('exempt');
    if (!ns.labelsKnown) notes.push('labels unknown');
    if (ns.policy.labelErrors.length) notes.push('invalid labels');
    if (!ns.complete && ns.labelsKnown) notes.push('not fully readable');
    if (ns.complete && !ns.exempt && compareLevels(ns.meets, enforce.level) > 0) notes.push(`could enforce ${ns.meets}`);
    if (ns.counts.withPolicyFindings > 0) this.anyPolicies = true;
    for (const e of ns.policy.labelErrors) this.labelErrors.push(`  ${c.bold(ns.name)}: ${e}\n`);
    this.rows.push({
      cells: [
        ns.name,
        `${enforce.level}:${enforce.version}`,
        ns.complete ? ns.meets : `${ns.meets}?`,
        fmt(ns.counts.workloads),
        fmt(ns.counts.pods),
        fmt(f.enforce),
        fmt(f.baseline),
        fmt(f.restricted),
        fmt(ns.counts.withPolicyFindings),
        notes.join(', '),
      ],
      tone: f.enforce > 0 ? 'bad' : notes.some((n) => n.startsWith('could')) ? 'warn' : ns.errors.length ? 'bad' : 'none',
    });

    const profile = { level: enforce.level, version: parseVersion(enforce.version) ?? 'latest' };
    for (const w of ns.workloads) {
      if (w.modes.enforce || enforce.level === 'privileged') continue;
      const violations = w.levels[enforce.level].violations;
      this.violating.push(
        `  ${c.bold(`${ns.name}/${w.object.kind} ${w.object.name}`)}${w.pods ? c.dim(` (${plural(w.pods, 'pod', 'pods')})`) : ''}\n    ${c.red(aggregateMessage(profile, violations))}\n`,
      );
    }

    for (const w of ns.workloads) {
      const open = w.policies.filter((v) => v.exception?.status !== 'applied').sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
      if (open.length === 0) continue;
      const shown = open.slice(0, POLICY_FINDINGS_SHOWN).map((v) => `${v.check} (${v.severity})`);
      const more = open.length > POLICY_FINDINGS_SHOWN ? `, and ${open.length - POLICY_FINDINGS_SHOWN} more` : '';
      this.policyFindings.push({
        rank: severityRank(open[0]!.severity),
        text: `  ${c.bold(`${ns.name}/${w.object.kind} ${w.object.name}`)}: ${shown.join(', ')}${more}\n`,
      });
    }

    const next = ns.complete ? NEXT_LEVEL[ns.meets] : undefined;
    if (next && ns.counts.workloads > 0) {
      const blockers = ns.workloads.filter((w) => !w.levels[next].allowed);
      const lines = blockers.slice(0, BLOCKERS_SHOWN).map((w) => `    ${workloadName(w)}: ${w.levels[next].violations.map((v) => v.check).join(', ')}\n`);
      const more =
        blockers.length > BLOCKERS_SHOWN ? `    ${c.dim(`and ${plural(blockers.length - BLOCKERS_SHOWN, 'more workload', 'more workloads')}`)}\n` : '';
      this.blocking.push(`  ${c.bold(ns.name)} → ${next}: ${plural(blockers.length, 'workload', 'workloads')}\n${lines.join('')}${more}`);
    }
  }

  private table(): string {
    const { c } = this;
    const header = ['NAMESPACE', 'ENFORCE', 'MEETS NOW', 'WORKLOADS', 'PODS', 'FAIL ENFORCE', 'FAIL BASELINE', 'FAIL RESTRICTED', 'POLICY FINDINGS', 'NOTES'];
    const keep = header.map((h) => h !== 'POLICY FINDINGS' || this.anyPolicies);
    const numeric = new Set([3, 4, 5, 6, 7, 8]);
    const pick = <T>(cells: readonly T[]) => cells.filter((_, i) => keep[i]);
    const all = [header, ...this.rows.map((r) => r.cells)].map((cells) => pick(cells));
    const cols = pick(header.map((_, i) => i));
    const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
    const line = (cells: readonly string[]) =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : numeric.has(cols[i]!) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    const paint = (r: Row, s: string) => (r.tone === 'bad' ? c.red(s) : r.tone === 'warn' ? c.yellow(s) : s);
    return [c.bold(line(all[0]!)), ...this.rows.map((r, i) => paint(r, line(all[i + 1]!)))].join('\n') + '\n';
  }

  async end(s: AuditSummary, errors: readonly AuditError[]): Promise<void> {
    const { c } = this;
    for (const e of errors) this.errOut.write(`${c.red('error')}: ${describeError(e)}\n`);
    this.errOut.flush();
    this.out.write(`${c.dim(`podguard audit of ${describeTarget(this.target)}`)}\n\n`);
    if (this.rows.length) this.out.write(`${this.table()}\n`);
    if (this.labelErrors.length) {
      this.out.write(
        `${c.bold('Labels Pod Security Admission cannot parse')} ${c.dim('(it enforces restricted for a bad enforce label):')}\n${this.labelErrors.join('')}\n`,
      );
    }
    if (this.violating.length) {
      this.out.write(
        `${c.bold('Violating the level their namespace enforces')} ${c.dim('(their pods are rejected when recreated):')}\n${this.violating.join('')}\n`,
      );
    }
    if (this.blocking.length) this.out.write(`${c.bold('Blocking the next level')}:\n${this.blocking.join('')}\n`);
    if (this.policyFindings.length) {
      const sorted = [...this.policyFindings].sort((a, b) => a.rank - b.rank);
      const rest =
        sorted.length > POLICY_WORKLOADS_SHOWN
          ? `  ${c.dim(`and ${plural(sorted.length - POLICY_WORKLOADS_SHOWN, 'more workload', 'more workloads')} (see -o json or -o html)`)}\n`
          : '';
      this.out.write(
        `${c.bold('Hardening policy findings')} ${c.dim('(riskiest first; "podguard policies show ID" explains each):')}\n${sorted
          .slice(0, POLICY_WORKLOADS_SHOWN)
          .map((p) => p.text)
          .join('')}${rest}\n`,
      );
    }
    const parts = [
      `${plural(s.namespaces, 'namespace', 'namespaces')}, ${plural(s.workloads, 'workload', 'workloads')} (${plural(s.pods, 'pod', 'pods')})`,
      s.failingEnforce > 0
        ? c.red(`${fmt(s.failingEnforce)} ${s.failingEnforce === 1 ? 'violates its' : 'violate their'} namespace's enforced level`)
        : c.green("none violates its namespace's enforced level"),
      `${plural(s.meets.restricted, 'namespace meets', 'namespaces meet')} restricted, ${fmt(s.meets.baseline)} baseline, ${fmt(s.meets.privileged)} only privileged`,
    ];
    if (s.incomplete > 0) parts.push(c.red(`${plural(s.incomplete, 'namespace', 'namespaces')} not fully readable`));
    if (s.canTighten > 0) parts.push(c.yellow(`${plural(s.canTighten, 'namespace', 'namespaces')} could enforce a stricter level today`));
    if (s.errors > 0) parts.push(c.red(plural(s.errors, 'error', 'errors')));
    this.out.write(`${parts.join('; ')}\n`);
    await this.out.close();
  }
}
