// docs/fixes.md, generated from the fixes themselves so the page cannot drift from the code.
// Regenerate with `node dist/src/fix/output/docs.js > docs/fixes.md` (a test fails while it is stale).

import { builtinPolicies } from '../../policies/registry';
import { pssRegistry } from '../../pss/registry';
import type { Remedy } from '../engine/fix';
import { MAX_PASSES } from '../engine/fix-source';
import { fixFor } from '../engine/registry';

const INTRO = `# Fixes

<!-- Generated from src/fix/engine/registry.ts by \`node dist/src/fix/output/docs.js > docs/fixes.md\`; a test keeps it in sync. Do not edit by hand. -->

\`podguard fix\` changes manifests so that their pods pass the Pod Security Standards (and the
hardening policies of the preset in force), and changes nothing else.

- **Minimal edits.** Edits are computed on the \`yaml\` package's concrete syntax tree and spliced
  into the original text: comments, blank lines, key order, indentation (including compact
  \`- name:\` sequences), quoting, flow collections, document separators and their comments, and
  CRLF line endings stay byte for byte. New keys go after their mapping's last entry at their
  siblings' column; JSON files stay JSON, with their own indentation. Anything that cannot be
  edited faithfully (a value reached through a YAML alias or merge key, a tagged scalar) is left
  alone and reported.
- **Passes with a re-check.** Every fix is data: changes (set, remove, append, replace an entry)
  on JSON paths. One engine evaluates each object, asks each finding's fix for its changes, turns
  them into text edits, applies those that do not overlap, checks that the edited text reads
  back as exactly the intended objects, and evaluates again, for at most ${MAX_PASSES} passes. Running
  \`fix\` again on its output changes nothing.
- **Safe by default.** Safe remedies change nothing in how a well-behaved app runs and are made by
  default. Behaviour-changing remedies need \`--unsafe\`; the report says what each may break and
  how to check. Settings go where the standard looks for them: at the pod level when every
  container shares them, on a container when it overrides; a stricter value already present is
  never weakened. Findings covered by an exception are left alone.
- **Reviewable.** Without \`--write\` the changes are a unified diff on standard output
  (\`patch -p0\` applies it); \`--write\` replaces each file atomically and keeps its mode; \`-\`
  reads standard input and writes the fixed manifest to standard output.
- **For manifests you do not own**, \`--emit kustomize-patch --out DIR\` leaves the inputs alone and
  writes one JSON 6902 patch per object plus a kustomize \`Component\` listing them; add \`DIR\`
  under \`components:\` in the kustomization that lists the objects as resources.

What is left after fixing is reported with the reason: it needs \`--unsafe\`, its fix was not
selected by \`--only\`, it has no automatic fix (and why), or its fix could not be made in the
source (and why).

\`-o json\` prints one document on standard output: \`schemaVersion\`, \`profile\`,
\`options\`, then \`files\`, each with \`file\`, \`changed\`, \`written\`, its \`diff\` (when not
written) or \`output\` (standard input), and \`objects\`: \`source\`, \`object\`, \`podPath\`,
\`allowed\`, \`fixed\` (\`check\`, \`remedy\`, \`safe\`, \`subject\`, the \`change\` made, and
\`alsoFor\`: other findings the same change settles) and \`remaining\` (the violation as
\`scan -o json\` reports it, plus \`why\`: \`needs-unsafe\` with the remedies held back,
\`not-selected\`, \`no-fix\` with the policy's advice, \`manual\` or \`not-applied\` with
reasons); then \`errors\` and a \`summary\`. Exit codes: 0 when nothing left fails, 1 when
something does, 2 for usage errors and unreadable or unwritable input.
`;

function remedyLines(id: string, r: Remedy): string[] {
  const lines = [`- **${id}** (${r.safe ? 'safe: made by default' : 'behaviour-changing: needs `--unsafe`'}): ${r.change}.`];
  lines.push(`  ${r.safe ? 'Why it is safe' : 'What may break'}: ${r.rationale}`);
  if (r.verify) lines.push(`  How to check: ${r.verify}`);
  return lines;
}

function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

export function renderFixDocs(): string {
  const pss = pssRegistry()
    .checks.map((c) => c.id)
    .sort();
  const out: string[] = [INTRO];
  const table = (ids: readonly string[]) => {
    out.push('| Check or policy | Safe by default | With `--unsafe` |', '| --- | --- | --- |');
    for (const id of ids) {
      const fix = fixFor(id);
      if (!fix) {
        out.push(`| [${id}](#${anchor(id)}) | no automatic fix | no automatic fix |`);
        continue;
      }
      const remedies = Object.entries(fix.remedies) as [string, Remedy][];
      const safe = remedies.filter(([, r]) => r.safe).map(([n]) => n);
      const unsafe = remedies.filter(([, r]) => !r.safe).map(([n]) => n);
      out.push(`| [${id}](#${anchor(id)}) | ${safe.join(', ') || '—'} | ${unsafe.join(', ') || '—'} |`);
    }
    out.push('');
  };
  out.push('## Pod Security Standards checks', '');
  table(pss);
  out.push('## Hardening policies', '');
  const policies = builtinPolicies().policies;
  table(policies.map((p) => p.id));
  out.push('## Each fix', '');
  const ids = [...pss, ...policies.map((p) => p.id)];
  for (const id of ids) {
    const fix = fixFor(id);
    out.push(`### ${id}`, '');
    if (!fix) {
      out.push(`No automatic fix: ${builtinPolicies().get(id)?.remediation ?? 'change the manifest by hand.'}`, '');
      continue;
    }
    out.push(fix.summary, '');
    for (const [name, r] of Object.entries(fix.remedies) as [string, Remedy][]) out.push(...remedyLines(name, r));
    if (fix.manual) out.push('', `Not fixed automatically: ${fix.manual}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

if (require.main === module) process.stdout.write(renderFixDocs());
