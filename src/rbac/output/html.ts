// `podguard rbac --format html`: the scan's HTML page (src/report/html.ts renderHtml: tiles,
// charts, the filterable findings table) with RBAC's content: a row per namespace counting who can
// run pods there by enforced level, the finding kinds, the subjects with the most at stake, and one
// table row per finding (subject in the workload column, binding in the where column).

import { RISK_WEIGHT } from '../../policies/severity';
import { HtmlReportBuilder, renderHtml } from '../../report/html';
import { levelVersionString } from '../../psa/namespace-policy';
import type { RbacFinding } from '../analyse';
import type { LoadedRbac } from '../load';
import { describeSubject } from '../model';
import type { RbacSummary } from './summary';

const RUNS_PODS = new Set([
  'rbac-create-pods-privileged-namespace',
  'rbac-create-pods-baseline-namespace',
  'rbac-create-pods-exempt-namespace',
  'rbac-create-pods-exempt-runtime-class',
  'rbac-create-pods-exempt-user',
]);

export function rbacHtml(loaded: LoadedRbac, findings: readonly RbacFinding[], summary: RbacSummary, generatedAt: string): string {
  const b = new HtmlReportBuilder();
  const risk = new Map<string, { score: number; ids: Set<string> }>();
  const seenKinds = new Set<string>();
  for (const f of findings) {
    const subject = describeSubject(f.subject);
    b.addFinding({
      namespace: f.namespace ?? (f.scope === 'cluster' ? '(cluster)' : '(all namespaces)'),
      workload: subject,
      check: f.id,
      standard: 'rbac',
      level: '',
      severity: f.severity,
      status: f.exception?.status === 'applied' ? 'excepted' : 'finding',
      message: f.message,
      where: `${f.binding.source.file}:${f.binding.source.line}`,
    });
    const key = `${f.id}\0${subject}`;
    if (!seenKinds.has(key)) {
      seenKinds.add(key);
      b.countCheck(f.id);
    }
    if (f.exception?.status !== 'applied') {
      const r = risk.get(subject) ?? { score: 0, ids: new Set<string>() };
      r.score += RISK_WEIGHT[f.severity];
      r.ids.add(f.id);
      risk.set(subject, r);
    }
  }
  for (const [subject, r] of risk) b.addRisk(subject, r.score, [...r.ids].join(', '));
  // Per namespace: subjects that can run pods there, split by what the namespace checks.
  for (const ns of loaded.namespaces.values()) {
    const runners = new Set(findings.filter((f) => f.namespace === ns.name && RUNS_PODS.has(f.id)).map((f) => describeSubject(f.subject)));
    const unchecked = ns.exempt || ns.enforce.level === 'privileged';
    const counts = unchecked ? [0, 0, runners.size] : ns.enforce.level === 'baseline' ? [0, runners.size, 0] : [runners.size, 0, 0];
    b.rows.push({ label: ns.name, counts, note: ns.exempt ? 'exempt' : levelVersionString(ns.enforce) });
  }
  b.errors.push(...loaded.errors.map((e) => `${[e.file, e.line].filter((x) => x !== undefined).join(':')}: ${e.message}`));
  const data = b.build({
    title: 'podguard RBAC report',
    subtitle: 'Who can run which pods where, and who can switch the guard off',
    generatedAt,
    tiles: [
      { label: 'bindings', value: String(summary.bindings) },
      { label: 'namespaces', value: String(summary.namespaces) },
      { label: 'critical findings', value: String(summary.bySeverity.critical), tone: summary.bySeverity.critical ? 'bad' : 'good' },
      { label: 'high findings', value: String(summary.bySeverity.high), tone: summary.bySeverity.high ? 'warn' : 'good' },
      { label: 'excepted', value: String(summary.excepted) },
    ],
    compliance: {
      title: 'Subjects that can run pods, by what the namespace enforces',
      legend: [
        { label: 'restricted', tone: 'good' },
        { label: 'baseline', tone: 'warn' },
        { label: 'privileged or exempt', tone: 'bad' },
      ],
    },
  });
  return renderHtml(data);
}
