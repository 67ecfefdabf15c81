// Options shared by the commands that evaluate pods, parsed and validated in one place.

import { parseArgs } from 'node:util';
import { isLevel, LEVELS, type Level } from '../pss/levels';
import { parseVersion, type PolicyVersion } from '../pss/version';
import { UsageError } from './usage-error';

export function parseLevel(text: string | undefined, fallback: Level = 'restricted'): Level {
  if (text === undefined) return fallback;
  if (!isLevel(text)) throw new UsageError(`unknown level ${JSON.stringify(text)}: use one of ${LEVELS.join(', ')}`);
  return text;
}

export function parseVersionOption(text: string | undefined): PolicyVersion {
  if (text === undefined) return 'latest';
  const v = parseVersion(text);
  if (v === undefined) throw new UsageError(`invalid version ${JSON.stringify(text)}: use v1.N (for example v1.30) or latest`);
  return v;
}

export function oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(text)) throw new UsageError(`unknown ${name} ${JSON.stringify(text)}: use one of ${allowed.join(', ')}`);
  return text as T;
}

type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

/**
 * Parses a command's arguments strictly; a mistake becomes one UsageError line that points at the
 * command's help. `--help` never reaches here: main.ts answers it for every command.
 */
export function parseCommandArgs<const O extends OptionsConfig, const P extends boolean = true>(
  command: string,
  argv: readonly string[],
  options: O,
  allowPositionals?: P,
) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: (allowPositionals ?? true) as P, strict: true as const, options });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional argument.*$/, '')}\n(see "podguard ${command} --help")`);
  }
}

/** Whether the arguments ask for help (`-h` or `--help` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '-h' || a === '--help') return true;
  }
  return false;
}
