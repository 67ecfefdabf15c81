// Audits without cluster access: reads `kubectl get pods,deploy,sts,ds,rs,rc,jobs,cronjobs,ns -A
// -o json` output (or any manifests) from files or stdin through the same parser as `podguard
// scan`, then groups the objects by namespace. Namespace objects in the input supply the Pod
// Security labels; a namespace that only appears in workloads is audited with the defaults.

import type { KubeObject } from '../k8s/types';
import { carriesPod } from '../engine/pod-views';
import type { InputError } from '../sources/input-error';
import type { InputFile } from '../sources/inputs';
import { readSources } from '../sources/read-sources';
import type { NamespaceBatch } from './audit-namespace';
import type { AuditError, AuditTarget } from './model';
import type { AuditSource, ProgressSink } from './source';

/** Objects written without a namespace land where `kubectl apply` would put them by default. */
export const DEFAULT_NAMESPACE = 'default';

export interface FileSourceOptions {
  /** Only these namespaces; undefined for every namespace in the input. */
  readonly namespaces?: readonly string[];
  /** The API server minor version the input came from (`--cluster-version`), when known. */
  readonly serverMinor?: number;
}

interface Group {
  namespace?: KubeObject;
  objects: KubeObject[];
}

export class FileSource implements AuditSource {
  readonly target: AuditTarget;
  readonly serverMinor: number | undefined;
  readonly errors: AuditError[] = [];
  private readonly groups = new Map<string, Group>();
  private progress: ProgressSink | undefined;

  constructor(
    private readonly inputs: readonly InputFile[],
    earlyErrors: readonly InputError[],
    private readonly options: FileSourceOptions = {},
  ) {
    this.target = { source: 'files', files: inputs.map((i) => i.label) };
    this.serverMinor = options.serverMinor;
    for (const e of earlyErrors) this.errors.push(toAuditError(e));
  }

  private group(name: string): Group {
    let g = this.groups.get(name);
    if (!g) this.groups.set(name, (g = { objects: [] }));
    return g;
  }

  /** Inputs read, those that were not Kubernetes manifests, and objects with pods found (for "nothing was checked"). */
  inputsRead = 0;
  notManifests = 0;
  withPods = 0;

  async open(progress?: ProgressSink): Promise<void> {
    this.progress = progress;
    const wanted = this.options.namespaces ? new Set(this.options.namespaces) : undefined;
    for await (const unit of readSources(this.inputs)) {
      this.inputsRead++;
      if (unit.notManifest) this.notManifests++;
      for (const e of unit.errors) this.errors.push(toAuditError(e));
      let count = 0;
      for (const { object } of unit.objects) {
        if (object.kind === 'Namespace') {
          const name = object.metadata?.name;
          if (typeof name === 'string' && (!wanted || wanted.has(name))) this.group(name).namespace = object;
          continue;
        }
        if (!carriesPod(object.kind)) continue;
        const ns = typeof object.metadata?.namespace === 'string' && object.metadata.namespace !== '' ? object.metadata.namespace : DEFAULT_NAMESPACE;
        if (wanted && !wanted.has(ns)) continue;
        this.group(ns).objects.push(object);
        count++;
        this.withPods++;
      }
      progress?.objectsRead(count);
    }
    for (const name of wanted ?? []) {
      if (!this.groups.has(name)) this.errors.push({ namespace: name, message: `namespace ${JSON.stringify(name)} is not in the input` });
    }
    progress?.namespacesTotal(this.groups.size);
  }

  async *batches(): AsyncIterable<NamespaceBatch> {
    for (const name of [...this.groups.keys()].sort()) {
      const g = this.groups.get(name)!;
      this.groups.delete(name); // let each namespace's objects go once audited
      this.progress?.namespaceDone();
      yield { name, ...(g.namespace ? { namespace: g.namespace } : {}), objects: g.objects, errors: [] };
    }
  }
}

function toAuditError(e: InputError): AuditError {
  return { file: e.file, ...(e.line !== undefined ? { line: e.line } : {}), message: e.message };
}
