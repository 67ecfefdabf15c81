// The audit pipeline: a source hands over one namespace at a time, each is audited and passed to
// the reporter at once, and only the running totals are kept.

import { auditNamespace, type AuditOptions } from './audit-namespace';
import { outputsDrained } from '../report/output';
import type { AuditError, AuditReporter, AuditSummary, NamespaceAudit } from './model';
import type { AuditSource, ProgressSink } from './source';
import { compareLevels } from '../pss/levels';

export function emptySummary(): AuditSummary {
  return {
    namespaces: 0,
    objects: 0,
    pods: 0,
    workloads: 0,
    failingEnforce: 0,
    failingBaseline: 0,
    failingRestricted: 0,
    meets: { privileged: 0, baseline: 0, restricted: 0 },
    incomplete: 0,
    canTighten: 0,
    errors: 0,
  };
}

export function addToSummary(s: AuditSummary, ns: NamespaceAudit, objects: number): void {
  s.namespaces++;
  s.objects += objects;
  s.pods += ns.counts.pods;
  s.workloads += ns.counts.workloads;
  s.failingEnforce += ns.counts.failing.enforce;
  s.failingBaseline += ns.counts.failing.baseline;
  s.failingRestricted += ns.counts.failing.restricted;
  if (!ns.complete) s.incomplete++;
  else {
    s.meets[ns.meets]++;
    if (!ns.exempt && compareLevels(ns.meets, ns.policy.enforce.level) > 0) s.canTighten++;
  }
  s.errors += ns.errors.length;
}

export interface AuditRun {
  readonly summary: AuditSummary;
  readonly errors: readonly AuditError[];
}

export async function runAudit(
  source: AuditSource,
  options: AuditOptions,
  reporter: AuditReporter,
  progress?: ProgressSink & { finish?(): void },
): Promise<AuditRun> {
  const summary = emptySummary();
  try {
    await source.open(progress);
    reporter.begin(source.target);
    const serverMinor = source.serverMinor;
    const opts: AuditOptions = serverMinor === undefined ? options : { ...options, serverMinor };
    for await (const batch of source.batches()) {
      const ns = auditNamespace(batch, opts);
      addToSummary(summary, ns, batch.objects.length);
      reporter.namespace(ns);
      await outputsDrained(); // keep memory flat when stdout is a slow pipe
    }
  } finally {
    progress?.finish?.();
  }
  summary.errors += source.errors.length;
  await reporter.end(summary, source.errors);
  return { summary, errors: source.errors };
}
