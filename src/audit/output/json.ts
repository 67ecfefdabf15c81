// `podguard audit --format json`: one JSON document on stdout, written as namespaces are audited
// (one namespace per line) so memory does not grow with the cluster. Schema: docs/audit.md.

import { Output } from '../../report/output';
import type { AuditError, AuditReporter, AuditSummary, AuditTarget, NamespaceAudit } from '../model';

export const AUDIT_SCHEMA_VERSION = 1;

export class JsonAuditReporter implements AuditReporter {
  private first = true;
  constructor(private readonly out = new Output()) {}

  begin(target: AuditTarget): void {
    this.out.write(`{"schemaVersion":${AUDIT_SCHEMA_VERSION},"kind":"PodguardAudit","target":${JSON.stringify(target)},"namespaces":[`);
  }

  namespace(ns: NamespaceAudit): void {
    this.out.write(this.first ? '\n' : ',\n');
    this.first = false;
    this.out.write(JSON.stringify(ns));
  }

  end(summary: AuditSummary, errors: readonly AuditError[]): Promise<void> {
    this.out.write(`\n],"errors":${JSON.stringify(errors)},"summary":${JSON.stringify(summary)}}\n`);
    return this.out.close();
  }
}
