// `podguard fix` behind its options: reads each input, fixes it (text edits, or kustomize patches),
// writes what was asked (files atomically, stdin's text to stdout, a unified diff otherwise) and
// hands each file's outcome to a reporter.

import path from 'node:path';
import { outputsDrained } from '../report/output';
import { evaluateObject } from '../engine/evaluate';
import { profileString } from '../pss/evaluate';
import type { NamespacedSettings } from '../scan/scan-inputs';
import type { InputError } from '../sources/input-error';
import type { InputFile } from '../sources/inputs';
import { readSources, type SourceUnit } from '../sources/read-sources';
import { unifiedDiff } from './output/diff';
import { toOriginalLines } from './output/line-map';
import { fixObject } from './engine/fix-object';
import { fixSource } from './engine/fix-source';
import { outcomeOf, settingsOf, type ObjectOutcome } from './engine/outcome';
import { targetOf, writeComponent, type ComponentWrite, type ObjectPatch } from './output/kustomize';
import type { FixOptions } from './engine/plan';
import { FixProgress } from './output/progress';
import { OutsideTreeError, writeFileAtomic } from '../io/atomic-write';

export type Emit = 'diff' | 'kustomize-patch';

export interface RunOptions {
  /** Settings per namespace, as loadSettings gives them. */
  readonly settings: NamespacedSettings;
  readonly fix: FixOptions;
  /** Rewrite files in place (only with emit 'diff'). */
  readonly write: boolean;
  readonly emit: Emit;
  /** Directory of the kustomize component (emit 'kustomize-patch'). */
  readonly out: string;
  /**
   * With `write`: the directories files may be written in (the real paths of the directories
   * given, and of the directories holding the files given). A file reached through a symbolic
   * link that leads elsewhere is not written, and reported. Undefined: anywhere (--follow-symlinks).
   */
  readonly writeWithin?: readonly string[];
}

/** What happened to one input. */
export interface FileFix {
  readonly file: string;
  readonly stdin: boolean;
  /** Fixing changed the text (or, for kustomize patches, produced operations). */
  readonly changed: boolean;
  readonly written: boolean;
  /** A unified diff, when the file was changed but not written. */
  readonly diff?: string;
  /** The fixed text of standard input. */
  readonly output?: string;
  readonly objects: readonly ObjectOutcome[];
  readonly errors: readonly InputError[];
}

export interface FixSummary {
  files: number;
  changedFiles: number;
  objects: number;
  fixedObjects: number;
  fixes: number;
  unsafeFixes: number;
  /** Objects with findings left, and those findings. */
  deniedObjects: number;
  /** Objects that still fail the run (a finding left at or above --fail-on): exit code 1. */
  failedObjects: number;
  remaining: number;
  needUnsafe: number;
  errors: number;
  /** Inputs skipped because they hold no Kubernetes object. */
  notManifests: number;
}

export interface FixReporter {
  begin(options: RunOptions): void;
  file(f: FileFix): void;
  end(summary: FixSummary, component?: ComponentWrite): void | Promise<void>;
}

function count(summary: FixSummary, f: FileFix): void {
  summary.files++;
  if (f.changed) summary.changedFiles++;
  summary.errors += f.errors.length;
  for (const o of f.objects) {
    summary.objects++;
    if (o.applied.length > 0) summary.fixedObjects++;
    summary.fixes += o.applied.length;
    summary.unsafeFixes += o.applied.filter((a) => !a.safe).length;
    if (o.remaining.length > 0) summary.deniedObjects++;
    if (o.result.failed) summary.failedObjects++;
    summary.remaining += o.remaining.length;
    summary.needUnsafe += o.remaining.filter((r) => r.why.some((w) => w.kind === 'needs-unsafe')).length;
  }
}

function fixText(input: InputFile, text: string, options: RunOptions): FileFix {
  const result = fixSource(text, input.label, options.settings, options.fix);
  const changed = result.output !== text;
  const base = { file: input.label, changed, objects: result.objects };
  if (input.path === null) return { ...base, stdin: true, written: false, output: result.output, errors: result.errors };
  if (!changed) return { ...base, stdin: false, written: false, errors: result.errors };
  if (!options.write) {
    // Nothing is written: report the lines of the file as it is, which the diff's "-" side shows.
    return {
      ...base,
      objects: toOriginalLines(result.objects, text, result.output),
      stdin: false,
      written: false,
      diff: unifiedDiff(text, result.output, input.label, input.label),
      errors: result.errors,
    };
  }
  try {
    writeFileAtomic(input.path, result.output, options.writeWithin ? { within: options.writeWithin } : {});
    return { ...base, stdin: false, written: true, errors: result.errors };
  } catch (e) {
    if (e instanceof OutsideTreeError)
      return { ...base, stdin: false, written: false, errors: [...result.errors, { file: input.label, message: `not written: ${e.message}` }] };
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return {
      ...base,
      stdin: false,
      written: false,
      errors: [...result.errors, { file: input.label, message: `cannot write the fixed file: ${code}; it was left unchanged` }],
    };
  }
}

function fixPatches(unit: SourceUnit, options: RunOptions, patches: ObjectPatch[]): FileFix {
  const input = unit.input;
  const errors: InputError[] = [...unit.errors];
  const objects: ObjectOutcome[] = [];
  for (const src of unit.objects) {
    const objectSettings = settingsOf(options.settings, src.object);
    if (!evaluateObject(src.object, objectSettings)) continue;
    const r = fixObject(src.object, objectSettings, options.fix);
    let applied = r.applied;
    if (r.ops.length > 0) {
      const target = targetOf(src.object);
      if ('problem' in target) {
        errors.push({ file: input.label, document: src.document, line: src.line, message: `no patch written: ${target.problem}` });
        applied = [];
      } else {
        patches.push({ target, origin: `${input.label}:${src.line}`, ops: r.ops });
      }
    }
    const fixed = { ...src, object: applied.length > 0 ? r.fixed : src.object };
    const verdict = evaluateObject(fixed.object, objectSettings)!;
    objects.push(
      outcomeOf(
        fixed,
        verdict,
        applied,
        (check) => {
          const problems = r.problems.get(check);
          return problems ? [{ kind: 'not-applied', reasons: problems }] : [];
        },
        options.settings,
        options.fix,
      ),
    );
  }
  return { file: input.label, stdin: input.path === null, changed: objects.some((o) => o.applied.length > 0), written: false, objects, errors };
}

export async function runFix(
  inputs: readonly InputFile[],
  earlyErrors: readonly InputError[],
  options: RunOptions,
  reporter: FixReporter,
): Promise<FixSummary> {
  const summary: FixSummary = {
    files: 0,
    changedFiles: 0,
    objects: 0,
    fixedObjects: 0,
    fixes: 0,
    unsafeFixes: 0,
    deniedObjects: 0,
    failedObjects: 0,
    remaining: 0,
    needUnsafe: 0,
    errors: 0,
    notManifests: 0,
  };
  reporter.begin(options);
  for (const e of earlyErrors) {
    summary.errors++;
    reporter.file({ file: e.file, stdin: false, changed: false, written: false, objects: [], errors: [e] });
  }
  const patches: ObjectPatch[] = [];
  let renderedPatches = false;
  const progress = FixProgress.forTerminal(inputs.length);
  let done = 0;
  for await (const unit of readSources(inputs)) {
    const input = unit.input;
    let f: FileFix;
    if (unit.notManifest) {
      summary.notManifests++;
      continue;
    }
    if (unit.text === undefined) f = { file: input.label, stdin: input.path === null, changed: false, written: false, objects: [], errors: [...unit.errors] };
    // A rendered kustomization or chart is not a file to edit: its fixes become kustomize patches.
    else if (options.emit === 'kustomize-patch' || unit.rendered) {
      f = fixPatches(unit, options, patches);
      if (unit.rendered) renderedPatches = true;
    } else f = fixText(input, unit.text, options);
    count(summary, f);
    progress?.clear();
    reporter.file(f);
    await outputsDrained(); // keep memory flat when stdout is a slow pipe
    progress?.update(++done);
  }
  progress?.clear();
  let component: ComponentWrite | undefined;
  if (options.emit === 'kustomize-patch' || (renderedPatches && patches.length > 0)) {
    try {
      component = writeComponent(options.out, patches, profileString(options.settings.base.profile));
    } catch (e) {
      summary.errors++;
      reporter.file({
        file: path.join(options.out, 'kustomization.yaml'),
        stdin: false,
        changed: false,
        written: false,
        objects: [],
        errors: [{ file: options.out, message: (e as Error).message }],
      });
    }
  }
  await reporter.end(summary, component);
  return summary;
}
