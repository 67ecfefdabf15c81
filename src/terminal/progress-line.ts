// One line of progress on a terminal's standard error ("fixing 120/500 files", the audit's bar):
// redrawn at most every 100 ms and erased before the report prints, so it never mixes with it.
// Nothing is drawn when the stream is not a terminal (CI logs, pipes) or TERM is dumb. Each long
// command says what its line shows; this class only draws it.

const REDRAW_MS = 100;

export class ProgressLine {
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    readonly now: () => number = Date.now,
  ) {}

  /** A line on `stream` when it is a terminal, else undefined. */
  static forTerminal(stream: NodeJS.WriteStream = process.stderr): ProgressLine | undefined {
    return stream.isTTY && process.env['TERM'] !== 'dumb' ? new ProgressLine(stream) : undefined;
  }

  /** Draws `text()` unless the last draw was under 100 ms ago (`force` draws anyway). */
  draw(text: () => string, force = false): void {
    const t = this.now();
    if (!force && t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    this.drawn = true;
    this.stream.write(`\r\x1b[K${text()}`);
  }

  /** Erases the line (before the report writes, and at the end). */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
