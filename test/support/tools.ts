// The real kubectl, kustomize and helm for tests: <repo>/.tools/bin first (built by "npm run
// tools"), then PATH. Tests that need one skip with the reason when it is absent.

import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './cli';

function onPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const f = path.join(dir, name);
    try {
      fs.accessSync(f, fs.constants.X_OK);
      if (fs.statSync(f).isFile()) return f;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function realTool(name: 'kubectl' | 'kustomize' | 'helm'): string | undefined {
  const local = path.join(REPO, '.tools', 'bin', name);
  if (fs.existsSync(local)) return local;
  return onPath(name);
}

/** A PATH holding the directories of the tools found (and the usual system ones), for child processes. */
export function toolPath(...names: ('kubectl' | 'kustomize' | 'helm')[]): string {
  const dirs = names
    .map(realTool)
    .filter((x): x is string => x !== undefined)
    .map((f) => path.dirname(f));
  return [...new Set(dirs), '/usr/bin', '/bin'].join(path.delimiter);
}

/** `false` when every tool is there, else the reason to skip (for node:test's `skip`). */
export function needs(...names: ('kubectl' | 'kustomize' | 'helm')[]): string | false {
  const missing = names.filter((n) => realTool(n) === undefined);
  return missing.length === 0 ? false : `needs the real ${missing.join(', ')} (npm run tools builds them into .tools/bin; or put them on PATH)`;
}
