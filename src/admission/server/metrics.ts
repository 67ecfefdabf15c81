// Prometheus metrics for /metrics. The pod_security_* counters have the names, labels and label
// values of Pod Security Admission's own (staging/src/k8s.io/pod-security-admission/metrics/
// metrics.go), so dashboards and alerts written for PSA work unchanged; podguard_* are podguard's.

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { NEWEST_MINOR } from '../../pss/version';
import type { MetricEvent } from '../decision/decide';
import type { AdmissionRequest } from '../decision/review';
import { subresourceOf } from '../decision/review';

export type Webhook = 'validate' | 'mutate';
/** Why a request got no AdmissionReview answer. */
export type RejectReason = 'too_large' | 'bad_json' | 'bad_review' | 'unsupported_media_type' | 'timeout' | 'not_found' | 'method_not_allowed' | 'internal';

/** resourceLabel: pods → pod, namespaces → namespace, anything else is a controller. */
function resourceLabel(r: AdmissionRequest): string {
  if (r.resource.group === '') {
    if (r.resource.resource === 'pods') return 'pod';
    if (r.resource.resource === 'namespaces') return 'namespace';
  }
  return 'controller';
}

/** policy_version: latest for latest and privileged, the version when not newer than the server's, else future. */
function versionLabel(level: string, version: string): string {
  if (version === 'latest' || level === 'privileged') return 'latest';
  const minor = Number(version.slice('v1.'.length));
  return minor <= NEWEST_MINOR ? version : 'future';
}

export class AdmissionMetrics {
  readonly registry = new Registry();
  private readonly evaluations = new Counter({
    name: 'pod_security_evaluations_total',
    help: 'Number of policy evaluations that occurred, not counting ignored or exempt requests.',
    labelNames: ['decision', 'policy_level', 'policy_version', 'mode', 'request_operation', 'resource', 'subresource'] as const,
    registers: [this.registry],
  });
  private readonly exemptions = new Counter({
    name: 'pod_security_exemptions_total',
    help: 'Number of exempt requests, not counting ignored or out of scope requests.',
    labelNames: ['request_operation', 'resource', 'subresource'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'pod_security_errors_total',
    help: 'Number of errors preventing normal evaluation. Non-fatal errors may result in the latest restricted profile being used for evaluation.',
    labelNames: ['fatal', 'request_operation', 'resource', 'subresource'] as const,
    registers: [this.registry],
  });
  private readonly requests = new Counter({
    name: 'podguard_admission_requests_total',
    help: 'AdmissionReview requests answered, by webhook and outcome (allowed, denied).',
    labelNames: ['webhook', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'podguard_admission_request_duration_seconds',
    help: 'Time from receiving the first byte of an AdmissionReview to sending the answer.',
    labelNames: ['webhook'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly rejected = new Counter({
    name: 'podguard_http_requests_rejected_total',
    help: 'Requests answered with an HTTP error instead of an AdmissionReview, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly mutations = new Counter({
    name: 'podguard_mutations_total',
    help: 'Fields set by /mutate, by safe fix.',
    labelNames: ['fix'] as const,
    registers: [this.registry],
  });
  private readonly reloads = new Counter({
    name: 'podguard_tls_certificate_reloads_total',
    help: 'Serving certificate reloads after the files changed, by result (success, failure).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly certificateExpiry = new Gauge({
    name: 'podguard_tls_certificate_expiry_timestamp_seconds',
    help: 'When the serving certificate in use expires (seconds since the epoch).',
    registers: [this.registry],
  });
  /** Read when /metrics is scraped (cheaper than counting in the gauge on every request). */
  inflightNow: () => number = () => 0;
  private readonly inflight: Gauge = new Gauge({
    name: 'podguard_admission_requests_in_flight',
    help: 'AdmissionReview requests being processed.',
    registers: [this.registry],
    collect: (): void => this.inflight.set(this.inflightNow()),
  });

  constructor(withProcessMetrics = true) {
    if (withProcessMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Labelled children of the counters, kept by their label values: prom-client hashes a label
   * object on every inc(), which would cost more than the rest of the bookkeeping.
   */
  private readonly children = new Map<Counter<string>, Map<string, { inc(): void }>>();

  private child(counter: Counter<string>, values: readonly string[]): { inc(): void } {
    let byValues = this.children.get(counter);
    if (!byValues) this.children.set(counter, (byValues = new Map()));
    const key = values.join('\u0000');
    let c = byValues.get(key);
    if (!c) byValues.set(key, (c = counter.labels(...values)));
    return c;
  }

  private readonly timers = { validate: this.duration.labels('validate'), mutate: this.duration.labels('mutate') };

  record(webhook: Webhook, req: AdmissionRequest, events: readonly MetricEvent[], allowed: boolean, seconds: number): void {
    this.child(this.requests, [webhook, allowed ? 'allowed' : 'denied']).inc();
    this.timers[webhook].observe(seconds);
    if (events.length === 0) return;
    const operation = req.operation.toLowerCase();
    const resource = resourceLabel(req);
    const subresource = subresourceOf(req);
    for (const e of events) {
      switch (e.type) {
        case 'evaluation':
          this.child(this.evaluations, [
            e.decision,
            e.policy.level,
            versionLabel(e.policy.level, e.policy.version),
            e.mode,
            operation,
            resource,
            subresource,
          ]).inc();
          break;
        case 'exemption':
          this.child(this.exemptions, [operation, resource, subresource]).inc();
          break;
        case 'error':
          this.child(this.errors, [String(e.fatal), operation, resource, subresource]).inc();
          break;
        case 'mutation':
          this.child(this.mutations, [e.fix]).inc();
          break;
      }
    }
  }

  reject(reason: RejectReason): void {
    this.child(this.rejected, [reason]).inc();
  }

  reloaded(ok: boolean): void {
    this.reloads.inc({ result: ok ? 'success' : 'failure' });
  }
}
