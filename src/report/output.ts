// Buffered writing to a stream: reporters write many small strings; this batches them into
// large writes and waits for the stream to drain at the end.

export class Output {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {}

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.stream.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  /** Flushes and resolves once everything written has left the process's buffers. */
  close(): Promise<void> {
    this.flush();
    return new Promise((resolve) => {
      if ((this.stream as NodeJS.WriteStream).writableNeedDrain) this.stream.once('drain', () => resolve());
      else resolve();
    });
  }
}
