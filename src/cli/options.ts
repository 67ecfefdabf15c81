// Options shared by the commands that evaluate pods, parsed and validated in one place.

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
