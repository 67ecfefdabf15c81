// `podguard audit --apply-reports`: writes the PolicyReports to the cluster with server-side apply
// (PATCH with application/apply-patch+yaml, field manager `podguard`), one per namespace as it is
// audited and the ClusterPolicyReport at the end. Applying replaces the report's results, so a
// namespace whose workloads were fixed gets an empty report rather than a stale one. Needs the
// wgpolicyk8s.io CRDs (installed with Policy Reporter or Kyverno) and RBAC to patch them.

import {
  CLUSTER_REPORT_NAME,
  clusterPolicyReport,
  NAMESPACE_REPORT_NAME,
  namespacePolicyReport,
  namespaceVerdict,
  POLICY_REPORT_API_VERSION,
  type NamespaceVerdict,
  type PolicyReportObject,
} from './output/policyreport';
import { ConnectionError } from '../kube/client';
import { statusMessage, type KubeApi } from '../kube/kube-api';
import type { AuditError, AuditReporter, AuditSummary, AuditTarget, NamespaceAudit } from './model';

export const FIELD_MANAGER = 'podguard';

function reportPath(r: PolicyReportObject): string {
  const root = `/apis/${POLICY_REPORT_API_VERSION}`;
  return r.kind === 'PolicyReport'
    ? `${root}/namespaces/${encodeURIComponent(r.metadata.namespace!)}/policyreports/${NAMESPACE_REPORT_NAME}`
    : `${root}/clusterpolicyreports/${CLUSTER_REPORT_NAME}`;
}

export class PolicyReportApplier implements AuditReporter {
  readonly errors: AuditError[] = [];
  applied = 0;
  private readonly pending: Promise<void>[] = [];
  private readonly verdicts: NamespaceVerdict[] = [];
  /** Set once the API server says the CRD is missing: no point sending the rest. */
  private missingCrd = false;

  constructor(
    private readonly api: KubeApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  begin(_target: AuditTarget): void {}

  private async apply(report: PolicyReportObject): Promise<void> {
    if (this.missingCrd) return;
    const where = report.metadata.namespace;
    try {
      const res = await this.api.send({
        method: 'PATCH',
        path: reportPath(report),
        query: { fieldManager: FIELD_MANAGER, force: 'true' },
        contentType: 'application/apply-patch+yaml',
        body: JSON.stringify(report),
      });
      if (res.status >= 200 && res.status < 300) {
        this.applied++;
        return;
      }
      if (res.status === 404 && !this.missingCrd) {
        this.missingCrd = true;
        this.errors.push({
          resource: 'policyreports.wgpolicyk8s.io',
          status: 404,
          message: `cannot apply PolicyReports: the ${POLICY_REPORT_API_VERSION} CRDs are not installed (install Policy Reporter or Kyverno)`,
        });
        return;
      }
      if (res.status === 404) return;
      this.errors.push({
        ...(where ? { namespace: where } : {}),
        resource: `${report.kind}/${report.metadata.name}`,
        status: res.status,
        message: `cannot apply ${report.kind}: ${statusMessage(res).message}`,
      });
    } catch (e) {
      if (!(e instanceof ConnectionError)) throw e;
      this.errors.push({
        ...(where ? { namespace: where } : {}),
        resource: `${report.kind}/${report.metadata.name}`,
        message: `cannot apply ${report.kind}: ${e.message}`,
      });
    }
  }

  namespace(ns: NamespaceAudit): void {
    this.verdicts.push(namespaceVerdict(ns));
    this.pending.push(this.apply(namespacePolicyReport(ns, this.now())));
  }

  async end(_summary: AuditSummary, _errors: readonly AuditError[]): Promise<void> {
    await Promise.all(this.pending);
    await this.apply(clusterPolicyReport(this.verdicts, this.now()));
  }
}

/** Sends every event to each reporter in turn. */
export class TeeReporter implements AuditReporter {
  private readonly reporters: readonly AuditReporter[];
  constructor(...reporters: AuditReporter[]) {
    this.reporters = reporters;
  }
  begin(target: AuditTarget): void {
    for (const r of this.reporters) r.begin(target);
  }
  namespace(ns: NamespaceAudit): void {
    for (const r of this.reporters) r.namespace(ns);
  }
  async end(summary: AuditSummary, errors: readonly AuditError[]): Promise<void> {
    for (const r of this.reporters) await r.end(summary, errors);
  }
}
