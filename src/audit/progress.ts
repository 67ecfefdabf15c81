// A one-line progress bar on a terminal's stderr while the audit reads the cluster: namespaces
// done out of the total, objects read, time elapsed. Redrawn at most every 100 ms; erased at the
// end so the report that follows starts on a clean line. Nothing is written when stderr is not a
// terminal (CI logs, pipes).

import type { ProgressSink } from './source';

const WIDTH = 24;
const REDRAW_MS = 100;

export class ProgressBar implements ProgressSink {
  private total = 0;
  private done = 0;
  private objects = 0;
  private lastDraw = 0;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** A bar on `stream` when it is a terminal, otherwise undefined. */
  static forTerminal(stream: NodeJS.WriteStream = process.stderr): ProgressBar | undefined {
    return stream.isTTY && process.env['TERM'] !== 'dumb' ? new ProgressBar(stream) : undefined;
  }

  namespacesTotal(n: number): void {
    this.total = n;
    this.draw(true);
  }

  objectsRead(n: number): void {
    this.objects += n;
    this.draw(false);
  }

  namespaceDone(): void {
    this.done++;
    this.draw(this.done === this.total);
  }

  /** The line as drawn (without the carriage return and erase sequence). */
  line(): string {
    const fraction = this.total > 0 ? Math.min(1, this.done / this.total) : 0;
    const filled = Math.round(fraction * WIDTH);
    const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
    const secs = Math.floor((this.now() - this.started) / 1000);
    const elapsed = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
    const n = (x: number) => x.toLocaleString('en-US');
    return `auditing ${bar} ${n(this.done)}/${n(this.total)} namespaces · ${n(this.objects)} objects · ${elapsed}`;
  }

  private draw(force: boolean): void {
    const t = this.now();
    if (!force && t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    this.drawn = true;
    this.stream.write(`\r\x1b[K${this.line()}`);
  }

  /** Erases the bar. */
  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
