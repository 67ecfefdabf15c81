// `podguard rbac` text output: findings riskiest first, each with who, what, where and through
// which binding (file and line), then a count per severity.

import { palette } from '../../terminal/color';
import type { RbacFinding } from '../analyse';
import type { RbacSummary } from './summary';

function location(f: RbacFinding): string {
  return `${f.binding.source.file}:${f.binding.source.line}`;
}

export function rbacText(findings: readonly RbacFinding[], summary: RbacSummary, color: boolean): string {
  const c = palette(color);
  const paint = { critical: c.red, high: c.red, medium: c.yellow, low: c.dim } as const;
  const out: string[] = [];
  for (const f of findings) {
    const ex = f.exception;
    const tag =
      ex?.status === 'applied'
        ? c.dim(` [excepted: ${ex.justification}]`)
        : ex
          ? c.yellow(` [exception ${ex.id} ${ex.status}${ex.problem ? `: ${ex.problem}` : ''}]`)
          : '';
    out.push(`${paint[f.severity](f.severity.toUpperCase().padEnd(8))} ${c.bold(f.id)}${tag}`);
    out.push(`         ${f.message}`);
    out.push(`         ${c.dim(`at ${location(f)}`)}`);
  }
  const counts = (['critical', 'high', 'medium', 'low'] as const).filter((s) => summary.bySeverity[s] > 0).map((s) => `${summary.bySeverity[s]} ${s}`);
  const head =
    summary.findings === 0
      ? c.green('no RBAC findings')
      : `${summary.findings} RBAC ${summary.findings === 1 ? 'finding' : 'findings'} (${counts.join(', ')}${summary.excepted ? `; ${summary.excepted} excepted` : ''})`;
  out.push(`${head} ${c.dim(`in ${summary.bindings} bindings, ${summary.roles + summary.clusterRoles} roles, ${summary.namespaces} namespaces`)}`);
  return `${out.join('\n')}\n`;
}
