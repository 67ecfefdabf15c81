// The migration plan as a Markdown document to review and follow.

import type { MigrationPlan } from '../migrate';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function migrateMarkdown(plan: MigrationPlan): string {
  const out: string[] = ['# Migrating off PodSecurityPolicy', ''];
  out.push('Steps: (1) write the workload changes below into the manifests (or use the kustomize patches), (2) set the namespace labels,');
  out.push('(3) adopt the podguard.yaml, (4) check with `podguard psp admit` that PSP now admits every workload unchanged, (5) remove PSP.', '');
  for (const ns of plan.namespaces) {
    out.push(`## Namespace \`${ns.name}\``, '');
    out.push('| PodSecurityPolicy | nearest level | usable by | why not stricter |', '|---|---|---|---|');
    for (const p of ns.policies)
      out.push(`| ${cell(p.policy)} | ${p.nearest} | ${cell(p.usableBy.join(', '))} | ${cell(p.reasons.map((r) => `${r.field}: ${r.why}`).join('; '))} |`);
    out.push('', `Workloads meet **${ns.strictestMet}** today. Labels:`, '', '```sh');
    out.push(
      `kubectl label --overwrite ns ${ns.name} ${Object.entries(ns.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
      '```',
      '',
    );
    if (ns.include.length) out.push(`podguard policies kept from PSP: ${ns.include.map((i) => `\`${i}\``).join(', ')}.`, '');
    if (ns.notCovered.length) {
      out.push('Not covered by the Pod Security Standards or a podguard policy (review by hand):', '');
      for (const n of ns.notCovered) out.push(`- ${n}`);
      out.push('');
    }
    out.push('| workload | PSP today | meets | changes to write |', '|---|---|---|---|');
    for (const w of ns.workloads)
      out.push(
        `| ${w.kind} ${cell(w.name)} (${cell(w.file)}:${w.line}) | ${w.denied ? 'denied' : `admitted by ${cell(w.admittedBy ?? '')}`} | ${w.meets ?? ''} | ${w.changes.length ? w.changes.map((c) => `\`${cell(c.path)}\` = \`${c.op === 'set' ? cell(JSON.stringify(c.value)) : c.op}\``).join('<br>') : 'none'} |`,
      );
    out.push('');
  }
  out.push('## podguard.yaml', '', '```yaml', plan.config.trimEnd(), '```', '');
  return out.join('\n');
}
