// Reads a live cluster namespace by namespace: the namespaces (all, or those named), then in each
// one every pod-bearing kind, page by page. A bounded window of namespaces is read at once and
// handed over in order, so memory holds a few namespaces, never the cluster. What cannot be read
// (403 Forbidden for a namespace or a resource, an API group the server does not serve) is
// recorded on the namespace and the audit goes on.

import type { KubeObject } from '../k8s/types';
import type { NamespaceBatch } from './audit-namespace';
import { ConnectionError, ResponseTooLargeError } from '../kube/client';
import { ApiError, type KubeApi } from '../kube/kube-api';
import { collectionPath, LISTED_KINDS, NAMESPACES_PATH, resourceName } from './kinds';
import { listAll, type Paging } from '../kube/list-pages';
import type { AuditError, AuditTarget } from './model';
import type { AuditSource, ProgressSink } from './source';

export interface ClusterSourceOptions {
  /** Namespaces to audit; undefined for all of them. */
  readonly namespaces?: readonly string[];
  /** Items per page (`limit`). */
  readonly chunkSize: number;
  /** Pages per list before giving up on it (list-pages.ts DEFAULT_MAX_PAGES when absent). */
  readonly maxPages?: number;
  /** Namespaces read at once. */
  readonly window: number;
  readonly context?: string;
}

/** The minor version from /version, read as upstream's GetAPIVersion reads it ("32+" → 32). */
export function parseServerMinor(body: unknown): number | undefined {
  const v = body as { major?: unknown; minor?: unknown };
  if (!v || v.major !== '1' || typeof v.minor !== 'string') return undefined;
  const m = /^(\d+)/.exec(v.minor);
  return m ? Number(m[1]) : undefined;
}

function describe(e: unknown): { message: string; status?: number } {
  if (e instanceof ApiError) return { message: e.message, status: e.status };
  if (e instanceof ConnectionError || e instanceof ResponseTooLargeError) return { message: e.message };
  throw e;
}

/** A namespace the user may not read at all is one error, not one per kind. */
function collapseForbidden(namespace: string, failures: AuditError[]): AuditError[] {
  if (failures.length < LISTED_KINDS.length || !failures.every((f) => f.status === 403)) return failures;
  const first = failures.find((f) => f.resource === 'pods') ?? failures[0]!;
  return [{ namespace, status: 403, message: `forbidden to list any workload in it (${first.message})` }];
}

export class ClusterSource implements AuditSource {
  target: AuditTarget;
  serverMinor: number | undefined;
  readonly errors: AuditError[] = [];
  private names: string[] = [];
  /** Namespace objects already read (when listing all of them). */
  private readonly known = new Map<string, KubeObject>();
  private progress: ProgressSink | undefined;

  constructor(
    private readonly api: KubeApi,
    private readonly options: ClusterSourceOptions,
  ) {
    this.target = { source: 'cluster', server: api.server, ...(options.context ? { context: options.context } : {}) };
  }

  private paging(): Paging {
    return { limit: this.options.chunkSize, ...(this.options.maxPages !== undefined ? { maxPages: this.options.maxPages } : {}) };
  }

  async open(progress?: ProgressSink): Promise<void> {
    this.progress = progress;
    try {
      const version = (await this.api.getJson('/version')) as { gitVersion?: unknown };
      this.serverMinor = parseServerMinor(version);
      if (typeof version?.gitVersion === 'string') this.target = { ...this.target, serverVersion: version.gitVersion };
    } catch (e) {
      // Not fatal: without it, `latest` is evaluated as the newest version podguard knows.
      // An unreachable server is: there is nothing more to read.
      if (e instanceof ConnectionError) {
        this.errors.push({ message: e.message });
        return;
      }
      if (!(e instanceof ApiError) && !(e instanceof ResponseTooLargeError)) throw e;
    }
    if (this.options.namespaces) {
      this.names = [...new Set(this.options.namespaces)].sort();
    } else {
      try {
        const { items } = await listAll(this.api, NAMESPACES_PATH, this.paging());
        for (const ns of items) if (typeof ns.metadata?.name === 'string') this.known.set(ns.metadata.name, ns);
        this.names = [...this.known.keys()].sort();
      } catch (e) {
        const { message, status } = describe(e);
        const hint = status === 403 ? ' (name the namespaces to audit with -n)' : '';
        this.errors.push({ resource: 'namespaces', ...(status ? { status } : {}), message: `cannot list namespaces: ${message}${hint}` });
      }
    }
    progress?.namespacesTotal(this.names.length);
  }

  private async namespaceObject(name: string, errors: AuditError[]): Promise<KubeObject | undefined> {
    const known = this.known.get(name);
    if (known) {
      this.known.delete(name); // read once; let it go with its namespace
      return known;
    }
    try {
      const ns = (await this.api.getJson(`${NAMESPACES_PATH}/${encodeURIComponent(name)}`)) as KubeObject;
      return { ...ns, kind: 'Namespace', apiVersion: 'v1' };
    } catch (e) {
      const { message, status } = describe(e);
      const what =
        status === 404
          ? `namespace ${JSON.stringify(name)} does not exist`
          : `cannot read namespace ${JSON.stringify(name)}: ${message}; its Pod Security labels are unknown, so the defaults are assumed`;
      errors.push({ namespace: name, resource: 'namespaces', ...(status ? { status } : {}), message: what });
      return undefined;
    }
  }

  private async read(name: string): Promise<NamespaceBatch> {
    const errors: AuditError[] = [];
    const namespace = await this.namespaceObject(name, errors);
    if (!namespace && errors.some((e) => e.status === 404)) return { name, objects: [], errors };
    const failures: AuditError[] = [];
    const lists = await Promise.all(
      LISTED_KINDS.map(async (k) => {
        try {
          const { items } = await listAll(this.api, collectionPath(k, name), this.paging(), (n) => this.progress?.objectsRead(n));
          return items;
        } catch (e) {
          const { message, status } = describe(e);
          failures.push({ namespace: name, resource: resourceName(k), ...(status ? { status } : {}), message });
          return [];
        }
      }),
    );
    errors.push(...collapseForbidden(name, failures));
    return { name, ...(namespace ? { namespace } : {}), objects: lists.flat(), errors };
  }

  async *batches(): AsyncIterable<NamespaceBatch> {
    const window = Math.max(1, this.options.window);
    const pending: Promise<NamespaceBatch>[] = [];
    let next = 0;
    const start = () => {
      const name = this.names[next++]!;
      // read() records API errors on the batch; anything else is a bug and ends the audit when
      // its turn comes (the no-op handler only keeps Node from reporting it as unhandled earlier).
      const p = this.read(name);
      p.catch(() => undefined);
      pending.push(p);
    };
    while (next < this.names.length && pending.length < window) start();
    while (pending.length > 0) {
      const batch = await pending.shift()!;
      if (next < this.names.length) start();
      this.progress?.namespaceDone();
      yield batch;
    }
  }
}
