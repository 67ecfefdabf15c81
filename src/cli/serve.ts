// `podguard serve`: the validating and mutating admission webhook.

import os from 'node:os';
import { loadCertificatePair } from '../admission/server/certificate-files';
import { readClusterFile } from '../admission/cluster/cluster-file';
import { parseGoDuration } from '../admission/config/go-duration';
import { loadWebhookConfig } from '../admission/config/load-config';
import { createLogger, LOG_LEVELS, type LogLevel } from '../admission/server/logger';
import { AdmissionMetrics } from '../admission/server/metrics';
import { UPSTREAM_NAMESPACE_LIMITS } from '../admission/decision/namespace-pods';
import { MAX_BODY_BYTES } from '../admission/server/server';
import type { PolicyActions, WebhookSettings } from '../admission/decision/settings';
import { startWebhook, StartError, type ClusterSourceOption } from '../admission/server/start';
import { inWorker, superviseWorkers, workerId, workerMetrics } from '../admission/server/workers';
import { SEVERITIES } from '../policies/severity';
import type { Command } from './command';
import { oneOf, parseCommandArgs } from './options';
import { UsageError } from './usage-error';
import { BundleIndexError, readBundleIndex } from '../profiles/bundle-index';
import { profileLabelsKey, type ProfileLabels } from '../admission/decision/profile-affinity';

/** The node label of each bundled profile, from a bundle's index. */
function profileLabelsFrom(file: string): ProfileLabels {
  try {
    return new Map(readBundleIndex(file).profiles.map((p) => [profileLabelsKey(p.kind, p.name), p.labelKey]));
  } catch (e) {
    if (e instanceof BundleIndexError || (e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`--profiles-index: ${(e as Error).message}`);
    throw e;
  }
}
import { parsePreset } from './settings-options';

/** Default --shutdown-delay. */
export const DEFAULT_SHUTDOWN_DELAY_MS = 5000;

export const SERVE_HELP = `Usage: podguard serve --tls-cert FILE --tls-key FILE [options]

Run the admission webhook: kube-apiserver sends every pod, workload and namespace change to
podguard, which answers exactly as the built-in Pod Security Admission would (namespace labels
pod-security.kubernetes.io/enforce, audit, warn and their -version labels, the same messages,
warnings and audit annotations), and adds what PSA cannot: hardening policies with exceptions,
workloads denied at "kubectl apply" instead of when their pods fail, and safe defaults set by
mutation. Speaks AdmissionReview admission.k8s.io/v1 over HTTPS.

Paths: POST /validate, POST /mutate, GET /healthz, GET /readyz, GET /metrics (Prometheus).

Options:
      --tls-cert FILE         serving certificate (PEM; see "podguard certs")      (required)
      --tls-key FILE          its private key                                      (required)
      --listen HOST:PORT      address to listen on                (default: 127.0.0.1:8443)
  Where namespace labels (and, when enforce tightens, pods) come from — one of:
      --namespaces FILE       Namespace (and Pod) objects as "kubectl get ns,pods -A -o yaml"
                              prints them; re-read when it changes. Without any of these
                              options every namespace has no labels (the defaults apply).
      --kubeconfig FILE       the cluster of this kubeconfig (namespaces through an informer)
      --in-cluster            the cluster podguard runs in (its service account)
  What to enforce:
  -c, --config FILE           podguard.yaml (policies, exceptions) and/or a Kubernetes
                              PodSecurityConfiguration or AdmissionConfiguration (cluster
                              defaults and exemptions); repeatable, one of each kind. Without a
                              podguard.yaml (or --preset), podguard is Pod Security Admission
                              exactly, plus the options below
      --preset PRESET         pss, recommended or strict: the hardening policies to add.
                              Default: none, only the Pod Security Standards run; with a
                              podguard.yaml given by --config, its preset (else recommended).
                              ./podguard.yaml is not read unless --config names it
      --policy-deny SEVERITY  hardening-policy findings at or above critical, high, medium or
                              low deny the pod, or never                       (default: never)
      --policy-warn SEVERITY  findings at or above this warn; all are audited  (default: medium)
      --deny-workloads        deny Deployments, CronJobs, … whose pods the namespace's enforce
                              level would deny; per namespace: label podguard.dev/deny-workloads
      --mutate                /mutate applies the safe fixes of "podguard fix" to new pods
      --profiles-index FILE   the files/index.json of a "podguard profiles bundle": /mutate
                              gives every pod that names one of its Localhost profiles a
                              required node affinity on the profile's node label, so it is
                              scheduled only where the profile is loaded (docs/profiles.md)
                              (allowPrivilegeEscalation false and seccompProfile RuntimeDefault
                              where unset, …); per namespace: label podguard.dev/mutate=true|false
  Operation:
      --reload-interval DUR   how often the certificate and namespaces files are checked for
                              changes; SIGHUP checks at once                   (default: 10s)
      --shutdown-delay DUR    on SIGTERM, stay up this long answering with readyz failing, so
                              endpoints drop this pod and the API server moves to other
                              replicas; SIGINT (Ctrl-C) skips it                (default: 5s)
      --shutdown-timeout DUR  then wait this long for requests in flight       (default: 25s)
      --max-body-bytes N      larger AdmissionReviews are refused (413)        (default: ${MAX_BODY_BYTES})
      --workers N|auto        processes serving the port, to use several CPUs (auto: one per
                              CPU); metrics are added up across them            (default: 1)
      --log-level LEVEL       debug (every decision), info, warn or error       (default: info)
  -h, --help                  show this help

Durations are Go durations, as Kubernetes writes them: 500ms, 10s, 1m30s.
Logs are JSON lines on stderr. Errors while deciding fail closed for pods and open for
everything else (see docs/webhook.md).

Exit codes:
  0  stopped by SIGTERM or SIGINT after draining
  2  usage error, or configuration, certificate or namespaces file unusable

Examples:
  podguard certs --out certs && podguard serve --tls-cert certs/tls.crt --tls-key certs/tls.key
  kubectl get ns -o yaml > ns.yaml && podguard serve --tls-cert certs/tls.crt --tls-key certs/tls.key --namespaces ns.yaml
  podguard serve --in-cluster --listen 0.0.0.0:8443 --tls-cert /tls/tls.crt --tls-key /tls/tls.key --shutdown-delay 5s
`;

function duration(name: string, text: string | undefined, fallbackMs: number): number {
  if (text === undefined) return fallbackMs;
  const ms = parseGoDuration(text);
  if (ms === undefined || ms < 0) throw new UsageError(`--${name} must be a duration such as 500ms, 10s or 1m (got ${JSON.stringify(text)})`);
  return ms;
}

function parseListen(text: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(text);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new UsageError(`--listen must be HOST:PORT, e.g. 127.0.0.1:8443 or 0.0.0.0:8443 (got ${JSON.stringify(text)})`);
  const host = m[1]!.replace(/^\[|\]$/g, '');
  return { host: host === '' ? '0.0.0.0' : host, port };
}

const THRESHOLDS = [...SEVERITIES, 'never'] as const;

async function runServe(argv: readonly string[]): Promise<number> {
  const v = parseCommandArgs(
    'serve',
    argv,
    {
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      listen: { type: 'string' },
      namespaces: { type: 'string' },
      kubeconfig: { type: 'string' },
      'in-cluster': { type: 'boolean' },
      config: { type: 'string', short: 'c', multiple: true },
      preset: { type: 'string' },
      'policy-deny': { type: 'string' },
      'policy-warn': { type: 'string' },
      'deny-workloads': { type: 'boolean' },
      mutate: { type: 'boolean' },
      'profiles-index': { type: 'string' },
      'reload-interval': { type: 'string' },
      'shutdown-delay': { type: 'string' },
      'shutdown-timeout': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'log-level': { type: 'string' },
      workers: { type: 'string' },
    },
    false,
  ).values;
  if (!v['tls-cert'] || !v['tls-key'])
    throw new UsageError('--tls-cert FILE and --tls-key FILE are required: create them with "podguard certs --out DIR" (see "podguard serve --help")');
  const sources = [v.namespaces !== undefined, v.kubeconfig !== undefined, v['in-cluster'] === true].filter(Boolean).length;
  if (sources > 1) throw new UsageError('give at most one of --namespaces, --kubeconfig and --in-cluster');
  const cluster: ClusterSourceOption =
    v.kubeconfig !== undefined || v['in-cluster']
      ? { kind: 'cluster', ...(v.kubeconfig !== undefined ? { kubeconfig: v.kubeconfig } : {}), inCluster: v['in-cluster'] === true }
      : { kind: 'file', ...(v.namespaces !== undefined ? { file: v.namespaces } : {}) };
  const { host, port } = parseListen(v.listen ?? '127.0.0.1:8443');
  const level = oneOf<LogLevel>('log level', v['log-level'], LOG_LEVELS, 'info');
  const actions: PolicyActions = {
    denyAt: oneOf('severity for --policy-deny', v['policy-deny'], THRESHOLDS, 'never'),
    warnAt: oneOf('severity for --policy-warn', v['policy-warn'], THRESHOLDS, 'medium'),
  };
  let maxBodyBytes = MAX_BODY_BYTES;
  if (v['max-body-bytes'] !== undefined) {
    maxBodyBytes = Number(v['max-body-bytes']);
    if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024)
      throw new UsageError(`--max-body-bytes must be a whole number of bytes, at least 1024 (got ${JSON.stringify(v['max-body-bytes'])})`);
  }
  const workers = v.workers === undefined ? 1 : v.workers === 'auto' ? os.availableParallelism() : Number(v.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new UsageError(`--workers must be a whole number from 1 to 64, or auto (got ${JSON.stringify(v.workers)})`);
  const reloadIntervalMs = duration('reload-interval', v['reload-interval'], 10_000);
  // Endpoints take a few seconds to drop a terminating pod; until then the API server still
  // sends it requests. 0s lost requests on every rollout, so the default waits (as deploy/ does).
  const shutdownDelayMs = duration('shutdown-delay', v['shutdown-delay'], DEFAULT_SHUTDOWN_DELAY_MS);
  const shutdownTimeoutMs = duration('shutdown-timeout', v['shutdown-timeout'], 25_000);

  const config = loadWebhookConfig({ files: v.config ?? [], cwd: process.cwd(), ...(v.preset !== undefined ? { preset: parsePreset(v.preset)! } : {}) });
  if (config.errors.length > 0) throw new UsageError(`the configuration has errors; podguard serve did not start:\n  ${config.errors.join('\n  ')}`);
  const settings: WebhookSettings = {
    podSecurity: config.podSecurity,
    denyWorkloads: v['deny-workloads'] === true,
    mutate: v.mutate === true,
    namespaceLimits: UPSTREAM_NAMESPACE_LIMITS,
    ...(config.settings ? { policies: { ...actions, settingsFor: (namespace: string) => config.settings!.settingsFor(namespace) } } : {}),
    ...(v['profiles-index'] !== undefined ? { profileLabels: profileLabelsFrom(v['profiles-index']) } : {}),
  };

  const logger = createLogger(level, undefined, inWorker() ? { worker: workerId() } : {});
  if (workers > 1 && !inWorker()) {
    // What could stop a worker from starting is checked once, here, so it is one clear error.
    try {
      loadCertificatePair(v['tls-cert'], v['tls-key']);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (cluster.kind === 'file' && cluster.file !== undefined) {
      const read = readClusterFile(cluster.file);
      if (read.errors.length > 0) throw new UsageError(read.errors.join('\n'));
    }
    return superviseWorkers({ count: workers, logger, stopTimeoutMs: shutdownDelayMs + shutdownTimeoutMs + 5000 });
  }
  const metrics = new AdmissionMetrics();
  let running;
  try {
    running = await startWebhook({
      host,
      port,
      certFile: v['tls-cert'],
      keyFile: v['tls-key'],
      cluster,
      settings,
      logger,
      reloadIntervalMs,
      maxBodyBytes,
      metrics,
      ...(inWorker() ? { metricsText: workerMetrics(metrics.registry) } : {}),
    });
  } catch (e) {
    if (inWorker()) process.disconnect(); // let the worker exit; the supervisor decides what next
    if (e instanceof StartError) throw new UsageError(e.message);
    throw e;
  }
  const code = await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info('signal received', { signal });
      // Ctrl-C at a terminal: no endpoints to wait for, so drain at once.
      running.shutdown(signal === 'SIGINT' ? 0 : shutdownDelayMs, shutdownTimeoutMs).then(
        () => resolve(0),
        (e: Error) => {
          logger.error('shutdown failed', { error: e.message });
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    process.on('SIGHUP', () => {
      logger.info('signal received: reloading the certificate and namespaces files', { signal: 'SIGHUP' });
      running.reload();
    });
  });
  if (inWorker()) process.disconnect(); // the IPC channel would keep a drained worker alive
  return code;
}

export const serveCommand: Command = {
  name: 'serve',
  synopsis: 'serve --tls-cert F --tls-key F',
  summary: 'run the validating and mutating admission webhook',
  help: SERVE_HELP,
  run: runServe,
};
