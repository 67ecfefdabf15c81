// A one-line progress bar on a terminal's stderr while the audit reads the cluster: namespaces
// done out of the total, objects read, time elapsed. Redrawn at most every 100 ms; erased at the
// end so the report that follows starts on a clean line. Nothing is written when stderr is not a
// terminal (CI logs, pipes).

import { ProgressLine } from '../terminal/progress-line';
import type { ProgressSink } from './source';

const WIDTH = 24;

export class ProgressBar implements ProgressSink {
  private total = 0;
  private done = 0;
  private objects = 0;
  private readonly line_: ProgressLine;
  private readonly started: number;

  constructor(stream: NodeJS.WritableStream, now: () => number = Date.now) {
    this.line_ = new ProgressLine(stream, now);
    this.started = now();
  }

  /** A bar on `stream` when it is a terminal, otherwise undefined. */
  static forTerminal(stream: NodeJS.WriteStream = process.stderr): ProgressBar | undefined {
    return ProgressLine.forTerminal(stream) ? new ProgressBar(stream) : undefined;
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
    const secs = Math.floor((this.line_.now() - this.started) / 1000);
    const elapsed = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
    const n = (x: number) => x.toLocaleString('en-US');
    return `auditing ${bar} ${n(this.done)}/${n(this.total)} namespaces · ${n(this.objects)} objects · ${elapsed}`;
  }

  private draw(force: boolean): void {
    this.line_.draw(() => this.line(), force);
  }

  /** Erases the bar. */
  finish(): void {
    this.line_.clear();
  }
}
