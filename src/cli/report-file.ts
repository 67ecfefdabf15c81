// --output-file FILE: the report is written to a temporary file beside FILE and renamed into
// place when the command finishes (src/io/atomic-write.ts), so a reader never sees half a
// report; problems are usage errors naming the file. Shared by every command with --output-file.

import type fs from 'node:fs';
import { AtomicStream } from '../io/atomic-write';
import { Output } from '../report/output';
import { UsageError } from './usage-error';

export class ReportFile {
  private readonly out: AtomicStream;
  constructor(readonly file: string) {
    try {
      this.out = new AtomicStream(file);
    } catch (e) {
      throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  get stream(): fs.WriteStream {
    return this.out.stream;
  }
  async commit(): Promise<void> {
    try {
      await this.out.commit();
    } catch (e) {
      throw new UsageError(`cannot write ${this.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  discard(): void {
    this.out.discard();
  }
}

/** Where a command's report goes: the --output-file, or standard output. */
export function reportOutput(file: string | undefined): { out: Output; file?: ReportFile; toTerminal: boolean } {
  if (file === undefined) return { out: new Output(), toTerminal: process.stdout.isTTY === true };
  const f = new ReportFile(file);
  return { out: new Output(f.stream), file: f, toTerminal: false };
}

/** Runs `body`, then commits the report file (or discards it when `body` throws). */
export async function withReportFile<T>(file: ReportFile | undefined, body: () => Promise<T>): Promise<T> {
  try {
    const r = await body();
    await file?.commit();
    return r;
  } catch (e) {
    file?.discard();
    throw e;
  }
}
