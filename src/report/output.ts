// Buffered writing to a stream: reporters write many small strings; this batches them into
// large writes. A pipe that is read slower than podguard writes (`podguard scan … | jq`) would
// otherwise queue all output in memory, so streams that report backpressure are remembered and
// long loops await outputsDrained() between inputs.

/** Streams whose last write was queued rather than handed to the OS. */
const backedUp = new Set<NodeJS.WritableStream>();

/** Resolves once every stream that reported backpressure has drained (at once when none did). */
export function outputsDrained(): Promise<void> {
  if (backedUp.size === 0) return Promise.resolve();
  const streams = [...backedUp];
  backedUp.clear();
  return Promise.all(
    streams.map((s) => new Promise<void>((resolve) => ((s as NodeJS.WriteStream).writableNeedDrain ? s.once('drain', () => resolve()) : resolve()))),
  ).then(() => undefined);
}

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
    if (!this.stream.write(this.parts.join(''))) backedUp.add(this.stream);
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
