// Writes a new or replaced file all-or-nothing: written to a temporary file beside it, flushed,
// and renamed into place, so a reader (the webhook reloading its certificate) never sees half a
// file. Unlike src/fix/write-atomic.ts (which keeps an existing file's mode), it creates files
// with the mode given (0600 for keys).

import fs from 'node:fs';
import path from 'node:path';

export interface FileToWrite {
  readonly file: string;
  readonly content: string;
  /** Permission bits, e.g. 0o600 for private keys. */
  readonly mode: number;
}

export function writeFileAtomic(f: FileToWrite): void {
  const tmp = path.join(path.dirname(f.file), `.${path.basename(f.file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx', f.mode);
    try {
      fs.writeFileSync(fd, f.content);
      fs.fchmodSync(fd, f.mode); // the umask may have narrowed it
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, f.file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
