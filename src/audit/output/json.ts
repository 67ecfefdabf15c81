// `podguard audit --format json`: one JSON document on stdout, written as namespaces are audited
// (one namespace per line) so memory does not grow with the cluster. Schema: docs/audit.md.

import { Output } from '../../report/output';
import type { AuditError, AuditReporter, AuditSummary, AuditTarget, NamespaceAudit } from '../model';

export const AUDIT_SCHEMA_VERSION = 1;

export class JsonAuditReporter implements AuditReporter {
  private first = true;
  /** `sections`: more top-level members written before "errors" (audit --rbac's "rbac"). */
  constructor(
    private readonly out = new Output(),
    private readonly sections: Readonly<Record<string, unknown>> = {},
  ) {}

  begin(target: AuditTarget): void {
    this.out.write(`{"schemaVersion":${AUDIT_SCHEMA_VERSION},"kind":"PodguardAudit","target":${JSON.stringify(target)},"namespaces":[`);
  }

  namespace(ns: NamespaceAudit): void {
    this.out.write(this.first ? '\n' : ',\n');
    this.first = false;
    this.out.write(JSON.stringify(ns));
  }

  end(summary: AuditSummary, errors: readonly AuditError[]): Promise<void> {
    const extra = Object.entries(this.sections)
      .map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`)
      .join('');
    this.out.write(`\n]${extra},"errors":${JSON.stringify(errors)},"summary":${JSON.stringify(summary)}}\n`);
    return this.out.close();
  }
}
