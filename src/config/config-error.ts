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
