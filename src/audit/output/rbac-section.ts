// `podguard audit --rbac`: the RBAC view per namespace (src/rbac/namespace-view.ts) as a section
// after the text report; the JSON report carries the same views under "rbac".

import { palette } from '../../terminal/color';
import type { RbacNamespaceView } from '../../rbac/namespace-view';

function list(items: readonly string[], max = 4): string {
  if (items.length === 0) return '-';
  return items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');
}

export function rbacSectionText(views: readonly RbacNamespaceView[], color: boolean): string {
  const c = palette(color);
  const lines = ['', c.bold('RBAC per namespace (podguard rbac for the findings)')];
  for (const v of views) {
    const counts = (['critical', 'high', 'medium', 'low'] as const).filter((s) => v.findings[s] > 0).map((s) => `${v.findings[s]} ${s}`);
    const unchecked = v.exempt || v.enforce.startsWith('privileged:');
    lines.push(`  ${c.bold(v.namespace)} ${c.dim(v.exempt ? 'exempt' : v.enforce)}${counts.length ? `  ${counts.join(', ')}` : ''}`);
    if (v.canRunPods.length) lines.push(`    ${unchecked ? c.red('can run unchecked pods') : 'can run pods'}: ${list(v.canRunPods)}`);
    if (v.canRelabel.length) lines.push(`    ${c.red('can relabel the namespace')}: ${list(v.canRelabel)}`);
  }
  return `${lines.join('\n')}\n`;
}
