// `podguard exceptions lint`: find exceptions that match nothing, have expired, lack a
// justification, or try to except a locked check — in podguard.yaml and in the annotations of
// the manifests given.

import { settingsFromOptions } from './settings-options';
import { ExceptionLinter, type LintProblem } from '../scan/exceptions-lint';
import { colorEnabled, palette } from '../terminal/color';
import { Output } from '../report/output';
import type { InputError } from '../sources/input-error';
import { readSources } from '../sources/read-sources';
import type { Command } from './command';
import { inputPaths, OUTPUT_OPTIONS, outputFormat } from './conventions';
import { INPUT_HELP, INPUT_OPTIONS, inputsFromOptions } from './input-options';
import { parseCommandArgs } from './options';
import { reportOutput, withReportFile } from './report-file';
import { UsageError } from './usage-error';

export const EXCEPTIONS_HELP = `Usage: podguard exceptions lint [PATH|-]... [options]

Report exceptions that no longer earn their place:
  - in the configuration (podguard.yaml, or --config): exceptions that have expired or lack a
    justification, and, when manifests are given, those that match nothing in them;
  - in the manifests' annotations (exception.podguard.dev/<check>): exceptions that have
    expired, lack a justification or have a bad expiry, name an unknown check or one the
    administrator locked (lockedChecks), or match no finding on their object.

PATHs are files or directories of manifests, as for "podguard scan"; "-" reads standard input.

Options:
  -c, --config FILE      podguard.yaml (default: ./podguard.yaml or ./podguard.yml if present)
  -o, --output FORMAT    text or json     (default: text; --format is a deprecated name for it)
      --output-file FILE write the report to FILE (replaced atomically) instead of stdout
${INPUT_HELP}
      --now DATE         judge expiry at this date instead of today (YYYY-MM-DD or RFC 3339),
                         e.g. to see what will have expired by the next release
  -h, --help             show this help

Exit codes:
  0  no problems
  1  some exception needs attention
  2  usage error, or a configuration or manifest could not be read

Examples:
  podguard exceptions lint k8s/
  podguard exceptions lint --config platform/podguard.yaml --now 2026-07-01 k8s/
`;

const FORMATS = ['text', 'json'] as const;

function parseNow(text: string | undefined): number {
  if (text === undefined) return Date.now();
  const t = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (Number.isNaN(t)) throw new UsageError(`invalid --now ${JSON.stringify(text)}: use a date (2026-07-01) or an RFC 3339 time`);
  return t;
}

async function runExceptions(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('exceptions', argv, {
    config: { type: 'string', short: 'c' },
    ...OUTPUT_OPTIONS,
    ...INPUT_OPTIONS,
    now: { type: 'string' },
  });
  const [sub, ...rest] = positionals;
  const paths = inputPaths(rest, values.filename);
  if (sub !== 'lint')
    throw new UsageError(
      sub === undefined ? 'name a subcommand: lint (see "podguard exceptions --help")' : `unknown subcommand ${JSON.stringify(sub)}: use lint`,
    );
  const format = outputFormat(FORMATS, values.output, 'text');
  const now = parseNow(values.now);
  const loaded = settingsFromOptions({ ...(values.config !== undefined ? { config: values.config } : {}) }, process.cwd(), now);
  const inputErrors: InputError[] = [];
  const inputs = paths.length === 0 ? [] : inputsFromOptions(values, rest, loaded, inputErrors, 'lint', 'exceptions').inputs;
  const linter = new ExceptionLinter(loaded, now, paths.length > 0);
  for await (const unit of readSources(inputs)) {
    inputErrors.push(...unit.errors);
    for (const src of unit.objects) linter.addObject(src);
  }
  const problems = linter.finish();
  const configErrors = loaded.errors.filter(
    (e) => !problems.some((p) => p.source === 'config' && p.file === e.file && p.line === e.line && p.message === e.message),
  );
  const errors = [...configErrors, ...inputErrors];
  const { out, file } = reportOutput(values['output-file']);
  if (format === 'json') {
    out.write(
      `${JSON.stringify({ schemaVersion: 1, config: loaded.configFile ?? null, problems, errors, summary: { exceptions: loaded.exceptions.rules.length, objects: linter.evaluated, problems: problems.length, errors: errors.length } }, null, 2)}\n`,
    );
  } else {
    const c = palette(colorEnabled());
    const err = new Output(process.stderr);
    for (const e of errors) err.write(`${c.bold([e.file, e.line].filter((x) => x !== undefined).join(':'))}: ${c.red('error')}: ${e.message}\n`);
    err.flush();
    for (const p of problems) out.write(formatProblem(p, c));
    const scope = loaded.configFile
      ? `${loaded.configFile} (${loaded.exceptions.rules.length} ${loaded.exceptions.rules.length === 1 ? 'exception' : 'exceptions'})`
      : 'no configuration file';
    const objects =
      paths.length === 0
        ? 'no manifests given, so unused exceptions are not looked for'
        : `${linter.evaluated} ${linter.evaluated === 1 ? 'object' : 'objects'} with pods`;
    out.write(
      `${problems.length === 0 ? c.green('no problems') : c.red(`${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`)} ${c.dim(`(${scope}; ${objects})`)}\n`,
    );
  }
  await withReportFile(file, () => out.close());
  if (errors.length > 0) return 2;
  return problems.length > 0 ? 1 : 0;
}

function formatProblem(p: LintProblem, c: ReturnType<typeof palette>): string {
  const where = [p.file, p.line].filter((x) => x !== undefined && x !== '').join(':');
  const what = p.source === 'annotation' ? `${p.object}: annotation ${p.id}: ` : '';
  return `${c.bold(where)}: ${c.yellow(p.kind)}: ${what}${p.message}\n`;
}

export const exceptionsCommand: Command = {
  name: 'exceptions',
  synopsis: 'exceptions lint [PATH|-]...',
  summary: 'report exceptions that expired, lack a justification or match nothing',
  help: EXCEPTIONS_HELP,
  run: runExceptions,
};
