// docs/policies/, generated from the catalogue: one page per policy and an index with every
// check (the 19 Pod Security Standards checks and the policies). `podguard policies docs`
// writes them; a test fails when the files in the repository differ from what this renders.

import { builtinPolicies } from './registry';
import { CATEGORIES, type Policy } from './policy';
import { inPreset, PRESETS } from './presets';
import { allRules } from './rules';

const GENERATED_NOTE = '<!-- Generated from src/policies/catalogue by `podguard policies docs`; do not edit by hand. -->';

/** Pages in docs/policies/ written by hand, which the generator leaves alone. */
export const HAND_WRITTEN_PAGES = ['configuration.md'];

function presets(p: Policy): string {
  return PRESETS.filter((s) => inPreset(p, s))
    .map((s) => `\`${s}\``)
    .join(', ');
}

export function policyPage(p: Policy): string {
  const lines = [
    GENERATED_NOTE,
    '',
    `# ${p.title}`,
    '',
    `| id | severity | category | presets |`,
    `| --- | --- | --- | --- |`,
    `| \`${p.id}\` | ${p.severity} | ${p.category} | ${presets(p)} |`,
    '',
    '## Why it matters',
    '',
    p.rationale,
    '',
    '## How to fix it',
    '',
    p.remediation,
    '',
  ];
  if (p.coveredBy && p.coveredBy.length > 0) {
    lines.push(
      '## Relation to the Pod Security Standards',
      '',
      `Skipped when the level being enforced already runs ${p.coveredBy.map((id) => `\`${id}\``).join(' or ')}, so the problem is reported once; ` +
        'reported at the levels that do not (for example `privileged`).',
      '',
    );
  }
  lines.push(
    '## Configure',
    '',
    'In `podguard.yaml`:',
    '',
    '```yaml',
    `include: [${p.id}]        # run it even when the preset does not`,
    `exclude: [${p.id}]        # never run it`,
    'severity:',
    `  ${p.id}: ${p.severity === 'critical' ? 'high' : 'critical'}    # change its severity`,
    'exceptions:',
    `- checks: [${p.id}]`,
    '  namespace: monitoring',
    '  name: node-agent-*',
    '  justification: why this is acceptable here',
    '  expires: 2026-12-31',
    '```',
    '',
    `Or on the object: \`exception.podguard.dev/${p.id}: "why this is acceptable"\` (see [configuration](configuration.md)).`,
    '',
    '## References',
    '',
    ...p.references.map((r) => `- [${r.title}](${r.url})`),
    '',
  );
  return lines.join('\n');
}

export function indexPage(): string {
  const rules = allRules();
  const lines = [
    GENERATED_NOTE,
    '',
    '# Checks and policies',
    '',
    `podguard runs the ${rules.filter((r) => r.standard === 'pss').length} Pod Security Standards checks of the level being enforced, ` +
      `exactly as Pod Security Admission does, plus ${builtinPolicies().policies.length} hardening policies chosen by a preset ` +
      '(`pss`: none; `recommended`, the default: those a team can adopt without rewriting images; `strict`: all). ' +
      "See [configuration](configuration.md) for podguard.yaml, exceptions and Kubernetes' PodSecurityConfiguration.",
    '',
    '## Pod Security Standards',
    '',
    '| id | level | severity | title |',
    '| --- | --- | --- | --- |',
    ...rules.filter((r) => r.standard === 'pss').map((r) => `| \`${r.id}\` | ${r.level} | ${r.severity} | ${r.title} |`),
    '',
  ];
  for (const category of CATEGORIES) {
    const ps = builtinPolicies().policies.filter((p) => p.category === category);
    if (ps.length === 0) continue;
    lines.push(`## Policies: ${category}`, '', '| id | severity | presets | title |', '| --- | --- | --- | --- |');
    for (const p of ps) lines.push(`| [\`${p.id}\`](${p.id}.md) | ${p.severity} | ${presets(p)} | ${p.title} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Every generated file of docs/policies/, by file name. */
export function renderDocs(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('README.md', indexPage());
  for (const p of builtinPolicies().policies) files.set(`${p.id}.md`, policyPage(p));
  return files;
}
