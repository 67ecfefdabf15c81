// Where an audit's objects come from: a live cluster (cluster-source.ts) or kubectl output and
// manifests (file-source.ts). Both hand over one namespace at a time, in name order.

import type { NamespaceBatch } from './audit-namespace';
import type { AuditError, AuditTarget } from './model';

/** Told about progress as a source reads (drives the terminal progress bar). */
export interface ProgressSink {
  namespacesTotal(n: number): void;
  objectsRead(n: number): void;
  namespaceDone(): void;
}

export interface AuditSource {
  /** Reads what is needed before the namespaces: the server version, the namespace list. */
  open(progress?: ProgressSink): Promise<void>;
  readonly target: AuditTarget;
  /** The API server's minor version, when known (see AuditOptions.serverMinor). */
  readonly serverMinor?: number;
  /** Errors that belong to no namespace (complete once batches() is exhausted). */
  readonly errors: readonly AuditError[];
  batches(): AsyncIterable<NamespaceBatch>;
}
