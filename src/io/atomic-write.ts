// The one way podguard writes a file: all or nothing. The new content goes to a temporary file in
// the same directory (so the rename stays on one filesystem), is flushed to disk, gets its mode,
// and replaces the target with one rename, so a reader (kubectl, the webhook reloading its
// certificate, a user's editor) never sees half a file. Used by fix --write, kustomize patches,
// certs, audit -o and policies docs.
//
// Temporary files are named `.<name>.podguard-<pid>-<random>.tmp`. A run that is killed leaves
// its own behind; the next run that writes into that directory removes those whose process is
// gone (or that are a day old), and nothing else.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const TEMP_NAME = /^\..+\.podguard-(\d+)-[0-9a-f]{8}\.tmp$/;
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface WriteOptions {
  /** Permission bits of the file; default: an existing file's, else 0666 less the umask. */
  readonly mode?: number;
  /**
   * Directories the real target must lie in (after following symbolic links). A link that leads
   * elsewhere is refused with an OutsideTreeError; undefined: anywhere.
   */
  readonly within?: readonly string[];
}

/** The target is reached through a symbolic link that leads outside the allowed directories. */
export class OutsideTreeError extends Error {}

function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.podguard-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

const cleaned = new Set<string>();

/**
 * Removes podguard's temporary files that an earlier, killed run left in `dir` (once per
 * directory per process). Returns the names removed. Only regular files with our name pattern
 * are touched, never through a link.
 */
export function removeStaleTemps(dir: string, now = Date.now()): string[] {
  const key = path.resolve(dir);
  if (cleaned.has(key)) return [];
  cleaned.add(key);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile()) continue;
      if (alive(Number(m[1])) && now - st.mtimeMs < STALE_AFTER_MS) continue;
      fs.rmSync(file);
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The file to write: an existing target's real path (a link stays a link), else the path itself. */
function resolveTarget(file: string, within: readonly string[] | undefined): { target: string; existing?: fs.Stats } {
  let target: string;
  let existing: fs.Stats | undefined;
  try {
    target = fs.realpathSync(file);
    existing = fs.statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    target = path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
  }
  if (within && !within.some((d) => isInside(target, d))) {
    throw new OutsideTreeError(`it is a symbolic link to ${target}, outside the paths given; pass --follow-symlinks to write through it`);
  }
  return existing ? { target, existing } : { target };
}

/** Writes `content` to `file` atomically (see the top of this file). */
export function writeFileAtomic(file: string, content: string | Uint8Array, options: WriteOptions = {}): void {
  const { target, existing } = resolveTarget(file, options.within);
  removeStaleTemps(path.dirname(target));
  const mode = options.mode ?? (existing ? existing.mode & 0o7777 : undefined);
  const temp = tempPathFor(target);
  const fd = fs.openSync(temp, 'wx', mode ?? 0o666);
  try {
    try {
      fs.writeFileSync(fd, content);
      if (mode !== undefined) fs.fchmodSync(fd, mode); // the umask may have narrowed it
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** A file written as a stream (audit reports can be large), renamed into place by commit(). */
export class AtomicStream {
  readonly stream: fs.WriteStream;
  private readonly temp: string;
  private readonly target: string;
  private failure: Error | undefined;

  constructor(file: string, options: WriteOptions = {}) {
    const { target, existing } = resolveTarget(file, options.within);
    this.target = target;
    removeStaleTemps(path.dirname(target));
    this.temp = tempPathFor(target);
    const fd = fs.openSync(this.temp, 'wx', options.mode ?? (existing ? existing.mode & 0o7777 : 0o666));
    this.stream = fs.createWriteStream('', { fd });
    this.stream.on('error', (e) => (this.failure ??= e));
  }

  /** Flushes and renames into place; throws the first write error (the target is left as it was). */
  async commit(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.end(() => resolve()));
    if (this.failure) {
      fs.rmSync(this.temp, { force: true });
      throw this.failure;
    }
    fs.renameSync(this.temp, this.target);
  }

  discard(): void {
    this.stream.destroy();
    fs.rmSync(this.temp, { force: true });
  }
}
