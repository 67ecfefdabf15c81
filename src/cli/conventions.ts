// kubectl's command-line conventions, in one place for every command: `-o/--output FORMAT`
// chooses the format, `-f/--filename PATH` names input (repeatable, beside positional paths),
// `--output-file FILE` is where a report goes, `-v` is not "version" (in kubectl it is log
// verbosity), and `--version` alone prints podguard's version. Option names podguard used
// before (`--format`, `--version v1.N` for the policy version, audit's `-o/--output FILE`) keep
// working for one release, each with one deprecation warning; main.ts rewrites them here before
// a command parses its arguments, so the commands only know the new names.

import { UsageError } from './usage-error';

/** What a command's output formats are, and whether its `-o/--output` used to name a file. */
export interface OutputConvention {
  readonly formats: readonly string[];
  /** audit: `-o/--output FILE` wrote the report to FILE before --output-file existed. */
  readonly outputWasFile?: boolean;
  /** The command has a Pod Security Standards version option (--pss-version, formerly --version). */
  readonly pssVersion?: boolean;
}

/** Per command; commands not listed have neither formats nor deprecated names. */
export const CONVENTIONS: Readonly<Record<string, OutputConvention>> = {
  scan: { formats: ['text', 'json', 'sarif', 'junit', 'html'], pssVersion: true },
  fix: { formats: ['text', 'json'], pssVersion: true },
  audit: { formats: ['text', 'json', 'html', 'policyreport'], outputWasFile: true },
  policies: { formats: ['text', 'json', 'markdown'] },
  exceptions: { formats: ['text', 'json'] },
  rbac: { formats: ['text', 'json', 'sarif', 'html'], outputWasFile: true },
  psp: { formats: ['text', 'json', 'markdown'] },
  // vap export: --pss-version (--version V, as in scan, is its old spelling: podguard --version stays podguard's).
  vap: { formats: ['yaml', 'json', 'text'], pssVersion: true },
};

/** For node:util parseArgs: the output options every command with formats takes. */
export const OUTPUT_OPTIONS = {
  output: { type: 'string', short: 'o' },
  'output-file': { type: 'string' },
} as const;

/** For node:util parseArgs: naming input as kubectl does (beside positional paths). */
export const FILENAME_OPTION = {
  filename: { type: 'string', short: 'f', multiple: true },
} as const;

export interface Normalized {
  readonly argv: string[];
  /** `--version` was given without a policy version after it: print podguard's version. */
  readonly printVersion: boolean;
  readonly warnings: string[];
}

function deprecated(old: string, now: string): string {
  return `${old} is deprecated and will be removed in the next release: use ${now}`;
}

/**
 * Rewrites the deprecated spellings in `argv` to the current ones and collects one warning per
 * deprecated name used. Arguments after `--` are left alone.
 */
export function normalizeArgv(command: string, argv: readonly string[]): Normalized {
  const conv = CONVENTIONS[command];
  const out: string[] = [];
  const warnings = new Set<string>();
  let printVersion = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[i + 1]);
    const take = (): string => {
      const v = value();
      if (inline === undefined) i++;
      return v!;
    };
    if (a === '-v' || /^-v\d*$/.test(a) || name === '--v') {
      throw new UsageError(
        `${a} is not a podguard option (it is not "version"): for the Pod Security Standards version use --pss-version v1.N, for podguard's own version "podguard --version"`,
      );
    }
    if (name === '--version') {
      // With a value it is the old name of --pss-version (checked there); alone, podguard's version.
      const v = value();
      if (conv?.pssVersion && v !== undefined && (inline !== undefined || !v.startsWith('-'))) {
        warnings.add(deprecated('--version VERSION', '--pss-version VERSION'));
        out.push('--pss-version', take());
      } else {
        if (inline !== undefined) throw new UsageError(`--version takes no value here: for the policy version use --pss-version v1.N or latest`);
        printVersion = true;
      }
      continue;
    }
    if (conv && name === '--format') {
      warnings.add(deprecated('--format', '-o/--output'));
      out.push('--output');
      if (inline !== undefined) out.push(inline);
      continue;
    }
    if (conv?.outputWasFile && (name === '--output' || a === '-o')) {
      const v = value();
      if (v !== undefined && !v.startsWith('-') && !conv.formats.includes(v)) {
        warnings.add(deprecated(`${a === '-o' ? '-o' : '--output'} FILE`, '--output-file FILE (-o/--output now chooses the format, as in kubectl)'));
        out.push('--output-file', take());
        continue;
      }
    }
    if (conv && a === '-f') {
      const v = value();
      if (v !== undefined && conv.formats.includes(v) && !v.includes('.') && !v.includes('/')) {
        throw new UsageError(`-f now names input, as in kubectl (-f/--filename PATH): to choose the ${v} format use -o ${v}`);
      }
    }
    out.push(a);
  }
  return { argv: out, printVersion, warnings: [...warnings] };
}

/** The input paths: positionals and every -f/--filename, in the order given on the command line. */
export function inputPaths(positionals: readonly string[], filenames: readonly string[] | undefined): string[] {
  return [...positionals, ...(filenames ?? [])];
}

/** The format chosen with -o/--output, checked against the command's list (`formats`, as in CONVENTIONS). */
export function outputFormat<const T extends string>(formats: readonly T[], text: string | undefined, fallback: T): T {
  if (text === undefined) return fallback;
  if (!(formats as readonly string[]).includes(text))
    throw new UsageError(`unknown format ${JSON.stringify(text)}: use one of ${formats.join(', ')} (-o/--output; the report file is --output-file)`);
  return text as T;
}

/** Help lines for -o/--output and --output-file. */
export function outputHelp(command: string, describe: string, fallback: string): string {
  const formats = CONVENTIONS[command]!.formats;
  return `  -o, --output FORMAT    ${formats.join(', ')}${describe ? `: ${describe}` : ''}
                         (default: ${fallback}; --format is a deprecated name for it)
      --output-file FILE write the report to FILE (replaced atomically) instead of stdout
`;
}
