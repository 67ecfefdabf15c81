// Text for `psp admit` and `psp migrate`.

import type { AdmitOutcome } from '../admit-all';
import type { MigrationPlan } from '../migrate';

function changeLines(changes: AdmitOutcome['changes'], indent: string): string[] {
  return changes.map((c) => `${indent}${c.path} = ${c.op === 'set' ? JSON.stringify(c.value) : c.op}`);
}

export function admitText(outcomes: readonly AdmitOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    lines.push(`${o.kind} ${o.namespace}/${o.name} (${o.file}:${o.line}), created by ${o.requester}`);
    if (!o.allowed) lines.push(`  denied: ${o.message ?? ''}`);
    else {
      lines.push(`  admitted by PodSecurityPolicy ${o.policy ?? ''}${o.changes.length ? ', which sets:' : ', unchanged'}`);
      lines.push(...changeLines(o.changes, '    '));
    }
  }
  const denied = outcomes.filter((o) => !o.allowed).length;
  lines.push(
    '',
    `${outcomes.length} workloads: ${outcomes.length - denied} admitted (${outcomes.filter((o) => o.changes.length).length} mutated), ${denied} denied`,
  );
  return `${lines.join('\n')}\n`;
}

export function migrateText(plan: MigrationPlan): string {
  const lines: string[] = [];
  for (const ns of plan.namespaces) {
    lines.push(`namespace ${ns.name}: enforce ${ns.strictestMet} (what every workload meets today)`);
    for (const p of ns.policies) {
      lines.push(`  PodSecurityPolicy ${p.policy}: nearest level ${p.nearest}; usable by ${p.usableBy.join(', ')}`);
      for (const r of p.reasons) lines.push(`    ${r.field}: ${r.why} (at most ${r.level})`);
    }
    lines.push(
      `  labels: ${Object.entries(ns.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    if (ns.include.length) lines.push(`  podguard policies: ${ns.include.join(', ')}`);
    for (const n of ns.notCovered) lines.push(`  not covered: ${n}`);
    for (const w of ns.workloads) {
      if (w.denied) lines.push(`  ${w.kind} ${w.name}: PSP denies it today: ${w.denied}`);
      else {
        lines.push(
          `  ${w.kind} ${w.name}: admitted by ${w.admittedBy ?? ''}, meets ${w.meets ?? ''}${w.changes.length ? '; write into it:' : '; nothing to write'}`,
        );
        lines.push(...changeLines(w.changes, '    '));
      }
    }
  }
  if (plan.exceptions.length) {
    lines.push('exceptions:');
    for (const e of plan.exceptions) lines.push(`  ${e.namespace} ${e.kind} ${e.name}: ${e.checks.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
