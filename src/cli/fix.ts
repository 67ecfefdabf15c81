// `podguard fix`: change manifests so their pods pass, as a reviewable diff (default), in place
// (--write), or as kustomize patches for manifests the user does not own.

import fs from 'node:fs';
import path from 'node:path';
import { SETTINGS_HELP, SETTINGS_OPTIONS, settingsFromOptions } from './settings-options';
import { componentDirProblem } from '../fix/output/kustomize';
import { FIXES } from '../fix/engine/registry';
import { JsonFixReporter } from '../fix/output/report-json';
import { TextFixReporter } from '../fix/output/report-text';
import { runFix, type Emit } from '../fix/run';
import { colorEnabled } from '../terminal/color';
import type { InputError } from '../sources/input-error';
import type { Command } from './command';
import { inputPaths, OUTPUT_OPTIONS, outputFormat } from './conventions';
import { INPUT_HELP, INPUT_OPTIONS, inputsFromOptions, noObjectsMessage } from './input-options';
import { oneOf, parseCommandArgs } from './options';
import { reportOutput, withReportFile } from './report-file';
import { UsageError } from './usage-error';

export const FIX_HELP = `Usage: podguard fix [PATH|-]... [options]

Change Kubernetes manifests so that their pods pass the Pod Security Standards (and the preset's
hardening policies), touching nothing else: comments, blank lines, key order, indentation,
quoting, flow collections, document separators and line endings stay byte for byte, and JSON
stays JSON. By default nothing is written: the changes are printed as a unified diff.

Safe fixes, which change nothing in how a well-behaved app runs, are made by default (for
example seccompProfile RuntimeDefault, or allowPrivilegeEscalation: false where it is unset).
Fixes that change behaviour (running as non-root, dropping capabilities, leaving host
namespaces, replacing hostPath volumes, …) are made only with --unsafe, and the report says
what each may break and how to check. Whatever cannot be fixed is listed with the reason.
Every fix is described in docs/fixes.md.

PATHs are files or directories (searched recursively for .yaml, .yml and .json); "-" reads
standard input and writes the fixed manifest to standard output. A kustomization or Helm chart
directory is rendered (as "podguard scan" renders it) and, since its output is not a file to
edit, its fixes are written as kustomize patches (--out). Without --write, the report names the
lines of the files as they are now.

Options:
${SETTINGS_HELP}      --unsafe           also make behaviour-changing fixes
      --only IDS         only the fixes for these comma-separated check or policy ids
  -w, --write            rewrite the files in place (atomically, keeping their mode)
                         instead of printing a diff; temporary files a killed run left
                         behind (.NAME.podguard-PID-XXXXXXXX.tmp) are removed
      --follow-symlinks  with --write, also write through symbolic links that lead outside
                         the paths given (such files are otherwise reported and left alone)
      --emit WHAT        diff, or kustomize-patch: write one JSON patch per object and a
                         kustomize Component listing them, leaving the inputs untouched
                         (for manifests you do not own)                    (default: diff)
      --out DIR          where the kustomize Component goes (--emit kustomize-patch, and
                         the fixes of rendered kustomizations and charts)  (default: podguard-patches)
  -o, --output FORMAT    report as text (on standard error) or json (one document on
                         standard output, diffs and fixed text inside)
                         (default: text; --format is a deprecated name for it)
      --output-file FILE write what goes to standard output (the diff, or the JSON
                         report) to FILE instead (replaced atomically)
${INPUT_HELP}  -h, --help             show this help

Output: the diff (or, for "-", the fixed manifest) goes to standard output; the report of what
was fixed and what is left goes to standard error. Apply a saved diff with "patch -p0".

Exit codes:
  0  nothing is left that fails (after fixing, or after the fixes the diff shows)
  1  something still fails: it needs --unsafe, or has no automatic fix (see the report)
  2  usage error, or some input could not be read or written (the rest is still fixed)

Examples:
  podguard fix k8s/                                  # show the safe fixes as a diff
  podguard fix --unsafe --write k8s/deploy.yaml      # make every fix, in place
  podguard fix --level baseline --only privileged,hostPorts --unsafe app.yaml
  podguard fix --unsafe overlays/prod                # a kustomization: patches in podguard-patches/
  helm template ./chart | podguard fix --unsafe - | kubectl apply -f -
  podguard fix --unsafe --emit kustomize-patch --out base/podguard-patches vendor/bundle.yaml
`;

const EMITS: readonly Emit[] = ['diff', 'kustomize-patch'];

function parseOnly(text: string | undefined): ReadonlySet<string> | undefined {
  if (text === undefined) return undefined;
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (ids.length === 0) throw new UsageError('--only needs at least one check or policy id');
  const known = new Set(FIXES.map((f) => f.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(`--only: no fix for ${unknown.map((u) => JSON.stringify(u)).join(', ')}; fixes exist for ${[...known].sort().join(', ')}`);
  }
  return new Set(ids);
}

/**
 * The directories --write may write in: each directory given, and the directory holding each file
 * given, by their real paths (a link given by name must still lead into its own directory).
 */
function scannedTrees(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-') continue;
    try {
      out.push(fs.statSync(p).isDirectory() ? fs.realpathSync(p) : fs.realpathSync(path.dirname(p)));
    } catch {
      // A path that cannot be read is reported when it is read.
    }
  }
  return out;
}

async function runFixCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('fix', argv, {
    ...SETTINGS_OPTIONS,
    unsafe: { type: 'boolean' },
    only: { type: 'string' },
    write: { type: 'boolean', short: 'w' },
    emit: { type: 'string' },
    out: { type: 'string' },
    ...OUTPUT_OPTIONS,
    ...INPUT_OPTIONS,
    'follow-symlinks': { type: 'boolean' },
  });
  const loaded = settingsFromOptions(values);
  const format = outputFormat(['text', 'json'], values.output, 'text');
  const emit = oneOf('--emit', values.emit, EMITS, 'diff');
  const only = parseOnly(values.only);
  const allPaths = inputPaths(positionals, values.filename);
  if (emit === 'kustomize-patch' && values.write) throw new UsageError('--write rewrites the inputs, --emit kustomize-patch leaves them alone: choose one');
  if (values['follow-symlinks'] && !values.write) throw new UsageError('--follow-symlinks is for --write');
  const out = values.out ?? 'podguard-patches';
  if (emit === 'kustomize-patch' || values.out !== undefined) {
    const problem = componentDirProblem(out);
    if (problem) throw new UsageError(problem);
  }
  if (emit === 'diff' && format === 'text' && allPaths.includes('-') && allPaths.length > 1) {
    throw new UsageError('"-" writes the fixed manifest to standard output, which the diffs of other files would mix with: fix standard input on its own');
  }
  const earlyErrors: InputError[] = [];
  const { inputs, failIfNoObjects } = inputsFromOptions(values, positionals, loaded, earlyErrors, 'fix', 'fix');
  earlyErrors.unshift(...loaded.errors);
  const { out: stdout, file } = reportOutput(values['output-file']);
  const reporter = format === 'json' ? new JsonFixReporter(stdout) : new TextFixReporter(colorEnabled(process.stderr), stdout);
  const summary = await withReportFile(file, () =>
    runFix(
      inputs,
      earlyErrors,
      {
        settings: loaded,
        fix: { unsafe: values.unsafe === true, ...(only ? { only } : {}) },
        write: values.write === true,
        emit,
        out,
        ...(values['follow-symlinks'] ? {} : { writeWithin: scannedTrees(allPaths) }),
      },
      reporter,
    ),
  );
  if (summary.objects === 0) {
    process.stderr.write(
      `podguard: ${failIfNoObjects ? 'error' : 'warning'}: ${noObjectsMessage({ files: summary.files + summary.notManifests, objects: summary.objects, notManifests: summary.notManifests })}\n`,
    );
    if (failIfNoObjects) return 2;
  }
  if (summary.errors > 0) return 2;
  return summary.failedObjects > 0 ? 1 : 0;
}

export const fixCommand: Command = {
  name: 'fix',
  synopsis: 'fix [PATH|-]...',
  summary: 'change manifests so their pods pass, leaving the rest of each file alone',
  help: FIX_HELP,
  run: runFixCommand,
};
