// "fixing 120/500 files" while many files are fixed (drawn by the shared progress line).

import { ProgressLine } from '../../terminal/progress-line';

export class FixProgress {
  private readonly line: ProgressLine;

  constructor(
    stream: NodeJS.WritableStream,
    private readonly total: number,
    now: () => number = Date.now,
  ) {
    this.line = new ProgressLine(stream, now);
  }

  /** A progress line on `stream` when it is a terminal and there is more than one file, else undefined. */
  static forTerminal(total: number, stream: NodeJS.WriteStream = process.stderr): FixProgress | undefined {
    return total > 1 && ProgressLine.forTerminal(stream) ? new FixProgress(stream, total) : undefined;
  }

  /** Shows that `done` files are finished (the last one is not drawn: the report follows). */
  update(done: number): void {
    if (done >= this.total) return;
    const n = (x: number) => x.toLocaleString('en-US');
    this.line.draw(() => `fixing ${n(done)}/${n(this.total)} files`);
  }

  /** Erases the line (before the report writes). */
  clear(): void {
    this.line.clear();
  }
}
