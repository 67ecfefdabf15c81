// The human report of `podguard fix`, on standard error so that standard output carries only the
// diff (or, for standard input, the fixed manifest): per object, what was fixed and what is left
// and why; then, once per behaviour-changing remedy used, what it may break and how to check.

import { palette, type Palette } from '../../terminal/color';
import { describeObject } from '../../k8s/object-ref';
import { Output } from '../../report/output';
import type { ComponentWrite } from './kustomize';
import type { Outlook } from '../engine/plan';
import { fixFor } from '../engine/registry';
import type { FileFix, FixReporter, FixSummary, RunOptions } from '../run';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line per reason a finding is left. */
function explain(why: readonly Outlook[], check: string): string[] {
  const fix = fixFor(check);
  const lines: string[] = [];
  for (const w of why) {
    if (w.kind === 'no-fix') lines.push(w.advice === undefined ? 'no automatic fix' : `no automatic fix: ${w.advice}`);
    else if (w.kind === 'not-selected') lines.push('not fixed: not named by --only');
    else if (w.kind === 'needs-unsafe') for (const r of w.remedies) lines.push(`needs --unsafe: ${fix?.remedies[r]?.change ?? r}`);
    else if (w.kind === 'manual') for (const reason of w.reasons) lines.push(`no automatic fix: ${reason}`);
    else for (const reason of w.reasons) lines.push(`not fixed: ${reason}`);
  }
  return lines;
}

export class TextFixReporter implements FixReporter {
  private readonly c: Palette;
  private options!: RunOptions;
  /** Behaviour-changing remedies used: "check/remedy" → where. */
  private readonly unsafeUsed = new Map<string, string[]>();

  constructor(
    color: boolean,
    private readonly out = new Output(process.stdout),
    private readonly err = new Output(process.stderr),
  ) {
    this.c = palette(color);
  }

  begin(options: RunOptions): void {
    this.options = options;
  }

  file(f: FileFix): void {
    const { c, err } = this;
    if (f.diff !== undefined) this.out.write(f.diff);
    if (f.output !== undefined) this.out.write(f.output);
    this.out.flush();
    for (const e of f.errors) err.write(`${c.bold([e.file, e.line].filter((x) => x !== undefined).join(':'))}: ${c.red('error')}: ${e.message}\n`);
    const shown = f.objects.filter((o) => o.applied.length > 0 || o.remaining.length > 0);
    if (shown.length === 0) {
      err.flush();
      return;
    }
    err.write(`${c.bold(f.file)}${f.written ? c.dim(' (written)') : ''}\n`);
    for (const o of shown) {
      err.write(`  ${describeObject(o.result.object)} ${c.dim(`(line ${o.result.source.line})`)}\n`);
      const rows: [string, string, string, string[]][] = [];
      const groups = new Map<string, { check: string; remedy: string; safe: boolean; subjects: Set<string>; alsoFor: Set<string> }>();
      for (const a of o.applied) {
        const key = `${a.check}/${a.remedy}`;
        const g = groups.get(key) ?? { check: a.check, remedy: a.remedy, safe: a.safe, subjects: new Set<string>(), alsoFor: new Set<string>() };
        g.subjects.add(a.subject);
        for (const id of a.alsoFor) g.alsoFor.add(id);
        groups.set(key, g);
      }
      for (const g of groups.values()) {
        // The diff shows what changed; behaviour-changing remedies are explained once, at the end.
        const label = g.safe ? c.green('fixed') : c.yellow('fixed!');
        const also = g.alsoFor.size > 0 ? c.dim(` (also settles ${[...g.alsoFor].join(', ')})`) : '';
        rows.push([label, g.check, `${[...g.subjects].join(', ')}${also}${g.safe ? '' : c.dim(` (${g.remedy}: behaviour-changing, see below)`)}`, []]);
        if (!g.safe) {
          const key = `${g.check}/${g.remedy}`;
          this.unsafeUsed.set(key, [...(this.unsafeUsed.get(key) ?? []), `${describeObject(o.result.object)} in ${f.file}`]);
        }
      }
      for (const r of o.remaining) {
        const line = r.violation.fields.find((f) => f.line !== undefined)?.line;
        rows.push([
          c.red('left'),
          r.violation.check,
          `${r.violation.detail || r.violation.reason}${line !== undefined ? c.dim(` (line ${line})`) : ''}`,
          explain(r.why, r.violation.check),
        ]);
      }
      const width = Math.max(...rows.map((r) => r[1].length));
      for (const [label, check, text, notes] of rows) {
        err.write(`    ${label}${' '.repeat(Math.max(1, 7 - visibleLength(label)))}${check.padEnd(width)}  ${text}\n`);
        for (const n of notes) err.write(`    ${' '.repeat(7)}${' '.repeat(width)}  ${c.dim(n)}\n`);
      }
    }
    err.write('\n');
    err.flush();
  }

  async end(s: FixSummary, component?: ComponentWrite): Promise<void> {
    const { c, err } = this;
    if (this.unsafeUsed.size > 0) {
      err.write(`${c.bold('Behaviour-changing fixes')} (made because of --unsafe; review them before deploying):\n`);
      for (const [key, where] of this.unsafeUsed) {
        const [check, remedy] = key.split('/') as [string, string];
        const doc = fixFor(check)?.remedies[remedy];
        err.write(`  ${c.yellow(check)} (${remedy}) in ${plural(where.length, 'object')}\n`);
        if (doc) {
          err.write(`    may break: ${doc.rationale}\n`);
          if (doc.verify) err.write(`    check:     ${doc.verify}\n`);
        }
      }
      err.write('\n');
    }
    if (component) {
      err.write(
        `Wrote ${plural(component.patchFiles.length, 'patch', 'patches')} and ${component.kustomization}` +
          `${component.removed.length ? ` (removed ${plural(component.removed.length, 'stale patch', 'stale patches')})` : ''}; add the directory under "components:" in your kustomization.\n`,
      );
    }
    const fixes =
      s.fixes > 0
        ? `${plural(s.fixes, 'fix', 'fixes')} in ${plural(s.fixedObjects, 'object')}${s.unsafeFixes ? ` (${s.unsafeFixes} behaviour-changing)` : ''}`
        : 'nothing to fix';
    const left =
      s.remaining > 0
        ? c.red(`${plural(s.remaining, 'problem')} left in ${plural(s.deniedObjects, 'object')}`) +
          (s.needUnsafe ? ` (${s.needUnsafe} fixable with --unsafe)` : '')
        : c.green('nothing left');
    const errors = s.errors > 0 ? `, ${c.red(plural(s.errors, 'error'))}` : '';
    let note = '';
    if (this.options.emit === 'diff' && !this.options.write && s.changedFiles > 0 && s.files > 0)
      note = ' Nothing was written: the diff is on standard output (use --write to apply it).';
    err.write(`${plural(s.files, 'file')}, ${plural(s.objects, 'object')} with pods: ${fixes}; ${left}${errors}.${note}\n`);
    err.flush();
    await this.out.close();
  }
}

/** Length without colour codes. */
function visibleLength(s: string): number {
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}
