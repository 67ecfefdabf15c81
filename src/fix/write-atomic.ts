// Writing a user's file without ever leaving it half-written: the new text goes to a temporary
// file in the same directory (so the rename stays on one filesystem), is flushed to disk, takes the
// original's permission bits, and replaces the original with one rename. A symbolic link is
// followed, so the link stays a link and its target is updated.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, text: string): void {
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.podguard-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', stat.mode & 0o7777);
  try {
    try {
      fs.writeFileSync(fd, text);
      fs.fchmodSync(fd, stat.mode & 0o7777);
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
