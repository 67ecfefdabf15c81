// A one-line "fixing 120/500 files" on a terminal's standard error while many files are fixed,
// redrawn at most every 100 ms and erased whenever the report prints, so it never mixes with it.
// Nothing is drawn when standard error is not a terminal (CI logs, pipes).

const REDRAW_MS = 100;

export class FixProgress {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A progress line on `stream` when it is a terminal and there is enough to do, else undefined. */
  static forTerminal(total: number, stream: NodeJS.WriteStream = process.stderr): FixProgress | undefined {
    return stream.isTTY && process.env['TERM'] !== 'dumb' && total > 1 ? new FixProgress(stream, total) : undefined;
  }

  /** Shows that `done` files are finished. */
  update(done: number): void {
    const t = this.now();
    if (t - this.lastDraw < REDRAW_MS || done >= this.total) return;
    this.lastDraw = t;
    this.drawn = true;
    this.stream.write(`\r\x1b[Kfixing ${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} files`);
  }

  /** Erases the line (before the report writes). */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
