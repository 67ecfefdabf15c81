// A problem in a configuration file, as a value with its position (never thrown).

export interface ConfigError {
  readonly file: string;
  /** 1-based. */
  readonly line?: number;
  readonly message: string;
  /** The file could not be used at all (missing, unreadable, not YAML): callers treat it as a usage error. */
  readonly fatal?: boolean;
  /** For problems other commands single out (exceptions lint): an exception without a justification. */
  readonly code?: 'no-justification';
}

/** `exceptions[0].expires` from ['exceptions', 0, 'expires']. */
export function displayPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}
