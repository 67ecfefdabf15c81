// Finds the external programs that render inputs (helm, kustomize, kubectl): a configured path
// first, then each name on PATH, as a shell would find it. Nothing is run to find them.

import fs from 'node:fs';
import path from 'node:path';

function executable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` found on PATH, as a full path, or undefined. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env['PATH'] ?? '').split(path.delimiter).filter((d) => d !== '');
  const exts = process.platform === 'win32' ? (env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const full = path.join(dir, name + ext);
      if (executable(full)) return full;
    }
  }
  return undefined;
}

/**
 * The program to run: `configured` when given (a path, or a name looked up on PATH), otherwise
 * the first of `names` on PATH. Undefined when none is found; `configured` that does not exist
 * is reported by the caller with its name.
 */
export function findTool(configured: string | undefined, names: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (configured !== undefined) {
    if (configured.includes('/') || configured.includes(path.sep)) return executable(configured) ? configured : undefined;
    return onPath(configured, env);
  }
  for (const n of names) {
    const found = onPath(n, env);
    if (found) return found;
  }
  return undefined;
}
