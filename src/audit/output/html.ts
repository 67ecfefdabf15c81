// `podguard audit --format html`: the audit rendered by the shared HTML report (src/report/html.ts).
// Compliance by namespace shows, per namespace, how many workloads meet restricted, only baseline,
// or not even baseline; each finding says what it means for its workload: it violates the level
// the namespace enforces, or it blocks moving the namespace to baseline or restricted.

import { exceptionText, HtmlReportBuilder, renderHtml } from '../../report/html';
import { Output } from '../../report/output';
import { riskScore } from '../audit-namespace';
import type { AuditError, AuditReporter, AuditSummary, AuditTarget, AuditViolation, NamespaceAudit, WorkloadAudit } from '../model';
import { describeError, describeTarget } from './describe';

const fmt = (n: number) => n.toLocaleString('en-US');

/** What a PSS violation means for its workload, given the namespace's enforced level. */
function statusOf(ns: NamespaceAudit, w: WorkloadAudit, v: AuditViolation): string {
  const enforced = ns.policy.enforce.level;
  if (enforced !== 'privileged' && !w.modes.enforce && w.levels[enforced].violations.some((x) => x.check === v.check)) return 'violates enforced level';
  return w.levels.baseline.violations.some((x) => x.check === v.check) ? 'blocks baseline' : 'blocks restricted';
}

function where(v: AuditViolation): string {
  return `${v.object.kind}/${v.object.name}${v.objects > 1 ? ` (+${v.objects - 1} more)` : ''}`;
}

export class HtmlAuditReporter implements AuditReporter {
  private target!: AuditTarget;
  private readonly page = new HtmlReportBuilder();

  constructor(
    private readonly out = new Output(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  begin(target: AuditTarget): void {
    this.target = target;
  }

  namespace(ns: NamespaceAudit): void {
    for (const e of ns.errors) this.page.errors.push(describeError(e));
    const counts = [0, 0, 0]; // meet restricted, meet baseline only, fail baseline
    for (const w of ns.workloads) {
      counts[w.meets === 'restricted' ? 0 : w.meets === 'baseline' ? 1 : 2]!++;
      const label = `${w.object.kind}/${w.object.name}`;
      const seen = new Set<string>();
      for (const v of [...w.levels.baseline.violations, ...w.levels.restricted.violations]) {
        if (seen.has(v.check)) continue;
        seen.add(v.check);
        this.page.countCheck(v.check);
        this.page.addFinding({
          namespace: ns.name,
          workload: label,
          check: v.check,
          standard: v.standard,
          level: v.level ?? '',
          severity: v.severity,
          status: statusOf(ns, w, v),
          message: v.detail || v.reason,
          where: where(v),
        });
      }
      for (const v of w.policies) {
        const excepted = v.exception?.status === 'applied';
        if (!excepted && !seen.has(v.check)) {
          seen.add(v.check);
          this.page.countCheck(v.check);
        }
        this.page.addFinding({
          namespace: ns.name,
          workload: label,
          check: v.check,
          standard: v.standard,
          level: '',
          severity: v.severity,
          status: excepted ? 'excepted' : 'policy',
          message: v.detail || v.reason,
          where: where(v),
          exception: exceptionText(v.exception),
        });
      }
      this.page.addRisk(`${ns.name}/${label}`, riskScore(w), `${ns.name}/${label}: ${[...seen].join(', ')}`);
    }
    const enforce = ns.policy.enforce;
    const lv = (x: { level: string; version: string }) => `${x.level}:${x.version}`;
    const labels = Object.entries(ns.policy.labels)
      .map(([k, v]) => `${k.replace('pod-security.kubernetes.io/', '')}=${v}`)
      .join(', ');
    this.page.namespaces.push({
      name: ns.name,
      enforce: lv(enforce),
      audit: lv(ns.policy.audit),
      warn: lv(ns.policy.warn),
      labels: ns.labelsKnown ? labels || '(none: the defaults apply)' : '(not known: offline input without the Namespace)',
    });
    this.page.rows.push({ label: ns.name, counts, note: `${ns.exempt ? 'exempt' : `enforces ${enforce.level}`}${ns.complete ? '' : ', not fully readable'}` });
  }

  async end(s: AuditSummary, errors: readonly AuditError[]): Promise<void> {
    for (const e of errors) this.page.errors.push(describeError(e));
    const data = this.page.build({
      title: 'podguard audit',
      subtitle: describeTarget(this.target),
      generatedAt: this.now().toISOString(),
      tiles: [
        { label: 'namespaces', value: fmt(s.namespaces) },
        { label: 'workloads', value: fmt(s.workloads) },
        { label: 'pods', value: fmt(s.pods) },
        { label: 'fail their enforced level', value: fmt(s.failingEnforce), tone: s.failingEnforce > 0 ? 'bad' : 'good' },
        { label: 'namespaces ready for restricted', value: fmt(s.meets.restricted), tone: 'good' },
        { label: 'namespaces that could tighten', value: fmt(s.canTighten), tone: s.canTighten > 0 ? 'warn' : 'good' },
        { label: 'could not be read', value: fmt(s.errors), tone: s.errors > 0 ? 'bad' : 'good' },
      ],
      compliance: {
        title: 'Compliance by namespace: workloads by the strictest level they meet',
        legend: [
          { label: 'meet restricted', tone: 'good' },
          { label: 'meet baseline only', tone: 'warn' },
          { label: 'fail baseline', tone: 'bad' },
        ],
      },
    });
    this.out.write(renderHtml(data));
    await this.out.close();
  }
}
