// The paths a command was given, checked and expanded once for every command that reads
// manifests: "-" at most once, every path must exist (a usage error naming them all otherwise).

import type { InputError } from '../sources/input-error';
import { MissingPathError, resolveInputs, type InputFile, type ResolveOptions } from '../sources/inputs';
import { UsageError } from './usage-error';

export function resolvePaths(paths: readonly string[], errors: InputError[], options: ResolveOptions = {}): InputFile[] {
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('"-" (standard input) may be given only once');
  try {
    return resolveInputs(paths, errors, options);
  } catch (e) {
    if (e instanceof MissingPathError) throw new UsageError(e.message);
    throw e;
  }
}
