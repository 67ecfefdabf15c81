/** One podguard subcommand: its name, a one-line summary for `podguard --help`, its full help, and how to run it. */
export interface Command {
  readonly name: string;
  /** Shown in `podguard --help`, e.g. "scan [PATH|-]...   evaluate manifests …". */
  readonly synopsis: string;
  readonly summary: string;
  readonly help: string;
  /** Returns the process exit code. Throws UsageError for mistakes in the arguments. */
  run(argv: readonly string[]): Promise<number>;
}
