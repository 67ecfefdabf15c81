// The cluster view from a file (`--namespaces`): the Namespace objects, and optionally Pods, that
// `kubectl get ns,pods -A -o yaml` prints (a List, multi-document YAML or JSON). Read at start
// and read again when the file changes; a changed file with errors is refused and the view it
// replaced stays in force.

import fs from 'node:fs';
import type { KubeObject } from '../../k8s/types';
import { parseDocuments } from '../../sources/parse-documents';
import type { StaticClusterView } from './cluster-view';
import { Poller } from '../server/poller';

export interface ClusterFile {
  readonly objects: readonly KubeObject[];
  /** `file:line: message` for each problem. */
  readonly errors: readonly string[];
}

export function readClusterFile(file: string): ClusterFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { objects: [], errors: [`${file}: cannot read the namespaces file (${code === 'ENOENT' ? 'no such file' : (e as Error).message})`] };
  }
  const parsed = parseDocuments(text, file);
  const errors = parsed.errors.map((e) => `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
  const objects: KubeObject[] = [];
  for (const s of parsed.objects) {
    const kind = s.object.kind;
    if (kind !== 'Namespace' && kind !== 'Pod') continue; // other objects are not needed
    if (typeof s.object.metadata?.name !== 'string' || s.object.metadata.name === '') errors.push(`${file}:${s.line}: ${kind} has no metadata.name`);
    else objects.push(s.object);
  }
  return { objects, errors };
}

/** Re-reads the file when its size or modification time changes. */
export class ClusterFileWatcher {
  private signature: string;
  readonly poller = new Poller(() => this.check());

  constructor(
    private readonly file: string,
    private readonly view: StaticClusterView,
    private readonly onReload: (counts: { namespaces: number; pods: number }) => void,
    private readonly onError: (errors: readonly string[]) => void,
  ) {
    this.signature = this.stat();
  }

  private stat(): string {
    try {
      const s = fs.statSync(this.file);
      return `${s.size}:${s.mtimeMs}:${s.ino}`;
    } catch {
      return 'missing';
    }
  }

  /** Reloads when the file changed (or always, with `force`). Returns true when the view was replaced. */
  check(force = false): boolean {
    const signature = this.stat();
    if (!force && signature === this.signature) return false;
    this.signature = signature;
    const read = readClusterFile(this.file);
    if (read.errors.length > 0) {
      this.onError(read.errors);
      return false;
    }
    this.view.replace(read.objects);
    this.onReload(this.view.size);
    return true;
  }
}
