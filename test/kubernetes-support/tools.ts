// Where the real-Kubernetes binaries built by `npm run tools` live, and the reason to skip a
// suite when they are missing (a clone with only Node.js has none of them).

import fs from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const TOOLS_BIN = path.join(REPO, '.tools', 'bin');
export const PODGUARD = path.join(REPO, 'bin', 'podguard.js');

export type Tool = 'psa-oracle' | 'cel-oracle' | 'kube-apiserver' | 'etcd' | 'kubectl' | 'kustomize' | 'helm';

export function toolPath(tool: Tool): string {
  return path.join(TOOLS_BIN, tool);
}

/** false when every tool is built, else a sentence saying which are missing and how to build them. */
export function missingTools(...tools: Tool[]): false | string {
  const missing = tools.filter((t) => {
    try {
      fs.accessSync(toolPath(t), fs.constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  return missing.length === 0 ? false : `${missing.join(', ')} not built in .tools/bin: run "npm run tools" (needs Go and the module proxy)`;
}
