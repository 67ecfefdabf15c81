// `podguard policies`: the catalogue of checks — list it (text, json, markdown), or write the
// generated docs/policies/ pages.

import fs from 'node:fs';
import path from 'node:path';
import { parsePreset, settingsFromOptions } from './settings-options';
import { writeFileAtomic } from '../io/atomic-write';
import { renderDocs } from '../policies/docs';
import type { PolicyRegistry } from '../policies/registry';
import { inPreset, type Preset } from '../policies/presets';
import { severityRank } from '../policies/severity';
import { allRules, type RuleInfo } from '../policies/rules';
import type { Command } from './command';
import { OUTPUT_OPTIONS, outputFormat } from './conventions';
import { docsPath } from './docs-path';
import { parseCommandArgs } from './options';
import { reportOutput, withReportFile } from './report-file';
import { UsageError } from './usage-error';

export const POLICIES_HELP = `Usage: podguard policies list [-o text|json|markdown] [--preset PRESET]
       podguard policies show ID... [-o text|json|markdown]
       podguard policies docs [DIR]

List every check podguard can report: the 19 Pod Security Standards checks (ids exactly as
upstream's) and the hardening policies, each with its severity, category, preset, rationale,
remediation and references.

Subcommands:
  list        print the catalogue
  show ID...  one check or policy: why it matters, how to fix it, references, and its page
              in the package's docs/policies/
  docs [DIR]  write one Markdown page per policy and an index to DIR (default: docs/policies);
              files are replaced atomically, hand-written pages (configuration.md) are left alone

Options (list, show):
  -o, --output FORMAT  text, json or markdown  (default: text; --format is a deprecated name)
      --output-file FILE  write to FILE (replaced atomically) instead of stdout
      --preset PRESET  only what runs in this preset: pss, recommended or strict
                       (Pod Security Standards checks are always included)
  -c, --config FILE    also the CEL policies of this podguard.yaml (default: ./podguard.yaml
                       or ./podguard.yml if present; see docs/cel.md)
  -h, --help           show this help

Exit codes:
  0  done
  2  usage error, or the docs could not be written

Examples:
  podguard policies list
  podguard policies show host-pid                    # what a finding means and how to fix it
  podguard policies list --preset recommended -o json | jq '.checks[].id'
  podguard policies docs
`;

const FORMATS = ['text', 'json', 'markdown'] as const;

/** One rule as a person reads it: what, why, how to fix, references, and where its page is. */
function showText(r: RuleInfo, registry: PolicyRegistry): string {
  const policy = registry.get(r.id);
  const lines = [`${r.id} — ${r.title}`, ''];
  const facts = [`severity ${r.severity}`];
  if (r.standard === 'pss') facts.push(`Pod Security Standards check, level ${r.level}`);
  else facts.push(`hardening policy, category ${r.category}, preset ${r.preset === 'strict' ? 'strict' : 'recommended and strict'}`);
  lines.push(`  ${facts.join('; ')}`, '', 'Why it matters', ...wrap(r.description), '');
  if (r.remediation) lines.push('How to fix it', ...wrap(r.remediation), '');
  if (policy?.coveredBy)
    lines.push(
      'Relation to the Pod Security Standards',
      ...wrap(`Skipped when the level being enforced already runs ${policy.coveredBy}, so the problem is reported once.`),
      '',
    );
  if (r.references.length > 0) {
    lines.push('References');
    for (const ref of r.references) lines.push(`  - ${ref.title}: ${ref.url}`);
    lines.push('');
  }
  const page = r.standard === 'podguard' ? docsPath(`policies/${r.id}.md`) : 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
  lines.push(`More: ${page}`, '');
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width = 96): string[] {
  const out: string[] = [];
  let line = ' ';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line.length + word.length + 1 > width && line.trim() !== '') {
      out.push(line);
      line = ' ';
    }
    line += ` ${word}`;
  }
  if (line.trim() !== '') out.push(line);
  return out;
}

function jsonOf(r: RuleInfo, preset: Preset | undefined, registry: PolicyRegistry): object {
  const policy = registry.get(r.id);
  return {
    id: r.id,
    standard: r.standard,
    title: r.title,
    severity: r.severity,
    ...(r.level ? { level: r.level } : {}),
    ...(r.category ? { category: r.category } : {}),
    ...(r.preset ? { preset: r.preset } : {}),
    ...(policy && preset ? { enabled: inPreset(policy, preset) } : {}),
    rationale: r.description,
    ...(r.remediation ? { remediation: r.remediation } : {}),
    references: r.references,
    ...(policy?.coveredBy ? { coveredBy: policy.coveredBy } : {}),
  };
}

function textList(rules: readonly RuleInfo[]): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  const out: string[] = [];
  const pss = rules.filter((r) => r.standard === 'pss');
  out.push(`Pod Security Standards (${pss.length}): run at their level, exactly as Pod Security Admission`);
  for (const r of pss) out.push(`  ${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.level!.padEnd(10)}  ${r.title}`);
  const policies = rules.filter((r) => r.standard === 'podguard');
  out.push('', `Policies (${policies.length}): chosen by preset (recommended: default; strict: all)`);
  for (const r of [...policies].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))) {
    out.push(`  ${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.preset!.padEnd(11)}  ${r.title}`);
  }
  out.push('', `Details: podguard policies show ID, or ${docsPath('policies')}/<id>.md`);
  return `${out.join('\n')}\n`;
}

function markdownList(rules: readonly RuleInfo[]): string {
  const out = ['| id | standard | severity | level / preset | title | remediation |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of rules) {
    const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    out.push(`| \`${r.id}\` | ${r.standard} | ${r.severity} | ${r.level ?? r.preset} | ${cell(r.title)} | ${cell(r.remediation ?? '')} |`);
  }
  return `${out.join('\n')}\n`;
}

function writeDocs(dir: string): number {
  try {
    fs.mkdirSync(dir, { recursive: true });
    let changed = 0;
    for (const [name, text] of renderDocs()) {
      const file = path.join(dir, name);
      if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) continue;
      writeFileAtomic(file, text);
      changed++;
    }
    process.stderr.write(`${dir}: ${changed} ${changed === 1 ? 'page' : 'pages'} written, ${renderDocs().size - changed} unchanged\n`);
    return 0;
  } catch (e) {
    throw new UsageError(`cannot write ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

async function runPolicies(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('policies', argv, { ...OUTPUT_OPTIONS, preset: { type: 'string' }, config: { type: 'string', short: 'c' } });
  const [sub, ...rest] = positionals;
  if (sub === 'docs') {
    if (rest.length > 1) throw new UsageError('policies docs takes at most one directory');
    return writeDocs(rest[0] ?? path.join('docs', 'policies'));
  }
  if (sub !== 'list' && sub !== 'show' && sub !== undefined)
    throw new UsageError(`unknown subcommand ${JSON.stringify(sub)}: use list, show or docs (see "podguard policies --help")`);
  const format = outputFormat(FORMATS, values.output, 'text');
  // The built-in catalogue plus the CEL policies of podguard.yaml (or --config).
  const loaded = settingsFromOptions(values.config !== undefined ? { config: values.config } : {});
  for (const e of loaded.errors) process.stderr.write(`podguard: ${[e.file, e.line].filter((x) => x !== undefined).join(':')}: ${e.message}\n`);
  const registry = loaded.registry;
  const { out, file } = reportOutput(values['output-file']);
  if (sub === 'show') {
    if (rest.length === 0) throw new UsageError('policies show needs a check or policy id (see "podguard policies list")');
    const all = allRules(registry);
    const unknown = rest.filter((id) => !all.some((r) => r.id === id));
    if (unknown.length > 0) throw new UsageError(`no check or policy ${unknown.map((u) => JSON.stringify(u)).join(', ')} (see "podguard policies list")`);
    const rules = rest.map((id) => all.find((r) => r.id === id)!);
    if (format === 'json') out.write(`${JSON.stringify({ schemaVersion: 1, checks: rules.map((r) => jsonOf(r, undefined, registry)) }, null, 2)}\n`);
    else if (format === 'markdown') for (const r of rules) out.write(renderDocs().get(`${r.id}.md`) ?? markdownList([r]));
    else out.write(rules.map((r) => showText(r, registry)).join('\n'));
    await withReportFile(file, () => out.close());
    return 0;
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
  const preset = parsePreset(values.preset);
  const rules = allRules(registry).filter((r) => r.standard === 'pss' || preset === undefined || inPreset(registry.get(r.id)!, preset));
  if (format === 'json')
    out.write(`${JSON.stringify({ schemaVersion: 1, ...(preset ? { preset } : {}), checks: rules.map((r) => jsonOf(r, preset, registry)) }, null, 2)}\n`);
  else if (format === 'markdown') out.write(markdownList(rules));
  else out.write(textList(rules));
  await withReportFile(file, () => out.close());
  return 0;
}

export const policiesCommand: Command = {
  name: 'policies',
  synopsis: 'policies list|docs',
  summary: 'list the Pod Security Standards checks and hardening policies, or write their docs',
  help: POLICIES_HELP,
  run: runPolicies,
};
