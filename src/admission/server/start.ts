// Puts the webhook together: the cluster view (a file or the cluster), the certificate watcher,
// the decision functions and the HTTPS server, and takes it apart again in order. `podguard
// serve` is this plus option parsing and signals; tests and benchmarks start it in-process.

import type { AddressInfo } from 'node:net';
import { CertificateWatcher, loadCertificatePair } from './certificate-files';
import { ClusterFileWatcher, readClusterFile } from '../cluster/cluster-file';
import { connectCluster, type ClusterSource } from '../cluster/cluster-source';
import { StaticClusterView, type ClusterView } from '../cluster/cluster-view';
import { decide } from '../decision/decide';
import { failureVerdict } from './failure-policy';
import type { Logger } from './logger';
import { AdmissionMetrics } from './metrics';
import { decideMutation } from '../decision/mutate';
import { WebhookServer } from './server';
import type { WebhookSettings } from '../decision/settings';

export type ClusterSourceOption =
  { readonly kind: 'file'; readonly file?: string } | { readonly kind: 'cluster'; readonly kubeconfig?: string; readonly inCluster?: boolean };

export interface StartOptions {
  readonly host: string;
  readonly port: number;
  readonly certFile: string;
  readonly keyFile: string;
  readonly cluster: ClusterSourceOption;
  readonly settings: WebhookSettings;
  readonly logger: Logger;
  /** How often the certificate and namespaces files are checked for changes (0: only on reload()). */
  readonly reloadIntervalMs: number;
  readonly maxBodyBytes?: number;
  readonly bodyTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  readonly metrics?: AdmissionMetrics;
  /** What /metrics serves, when not this process's registry (--workers). */
  readonly metricsText?: () => Promise<string>;
}

export interface RunningWebhook {
  readonly address: AddressInfo;
  readonly server: WebhookServer;
  readonly metrics: AdmissionMetrics;
  /** Re-reads the certificate and namespaces files now (SIGHUP). */
  reload(): void;
  /** Not ready at once, keep serving for `delayMs` (so endpoints drop this pod), then drain for up to `timeoutMs`. */
  shutdown(delayMs: number, timeoutMs: number): Promise<{ cut: boolean }>;
}

/** A problem that keeps the webhook from starting, said so that the user can fix it. */
export class StartError extends Error {}

export async function startWebhook(o: StartOptions): Promise<RunningWebhook> {
  const log = o.logger;
  let certificate;
  try {
    certificate = loadCertificatePair(o.certFile, o.keyFile);
  } catch (e) {
    throw new StartError((e as Error).message);
  }

  let cluster: ClusterView;
  let fileWatcher: ClusterFileWatcher | undefined;
  let source: ClusterSource | undefined;
  if (o.cluster.kind === 'file') {
    const view = new StaticClusterView();
    if (o.cluster.file !== undefined) {
      const read = readClusterFile(o.cluster.file);
      if (read.errors.length > 0) throw new StartError(read.errors.join('\n'));
      view.replace(read.objects);
      fileWatcher = new ClusterFileWatcher(
        o.cluster.file,
        view,
        (counts) => log.info('namespaces file reloaded', { file: o.cluster.kind === 'file' ? o.cluster.file : undefined, ...counts }),
        (errors) => log.error('namespaces file not reloaded: it has errors; the previous contents stay in force', { errors }),
      );
      fileWatcher.poller.start(o.reloadIntervalMs);
    }
    cluster = view;
    log.info('cluster view from a file', { file: o.cluster.file ?? '(none: every namespace has no labels)', ...view.size });
  } else {
    try {
      source = await connectCluster({ kubeconfig: o.cluster.kubeconfig, inCluster: o.cluster.inCluster, logger: log });
    } catch (e) {
      throw new StartError(`cannot connect to the cluster: ${(e as Error).message}`);
    }
    cluster = source;
  }

  const metrics = o.metrics ?? new AdmissionMetrics();
  const ctx = { settings: o.settings, cluster };
  const server = new WebhookServer({
    host: o.host,
    port: o.port,
    certificate,
    validate: (req, deadline) => decide(req, { ...ctx, now: Date.now, ...(deadline !== undefined ? { deadline } : {}) }),
    mutate: (req) => decideMutation(req, ctx),
    onFailure: failureVerdict,
    metrics,
    logger: log,
    ready: () => cluster.ready(),
    ...(o.maxBodyBytes !== undefined ? { maxBodyBytes: o.maxBodyBytes } : {}),
    ...(o.bodyTimeoutMs !== undefined ? { bodyTimeoutMs: o.bodyTimeoutMs } : {}),
    ...(o.headersTimeoutMs !== undefined ? { headersTimeoutMs: o.headersTimeoutMs } : {}),
    ...(o.metricsText !== undefined ? { metricsText: o.metricsText } : {}),
  });
  const certWatcher = new CertificateWatcher(
    o.certFile,
    o.keyFile,
    (pair) => {
      server.setCertificate(pair);
      metrics.reloaded(true);
      log.info('serving certificate reloaded', { notAfter: pair.notAfter.toISOString(), names: pair.subjectAltName });
    },
    (error) => {
      metrics.reloaded(false);
      log.warn('serving certificate not reloaded', { error: error.message });
    },
  );

  let address: AddressInfo;
  try {
    address = await server.listen();
  } catch (e) {
    await source?.stop();
    fileWatcher?.poller.stop();
    throw new StartError(`cannot listen on ${o.host}:${o.port}: ${(e as Error).message}`);
  }
  certWatcher.poller.start(o.reloadIntervalMs);
  log.info('serving', {
    address: `${address.address}:${address.port}`,
    paths: ['/validate', '/mutate', '/healthz', '/readyz', '/metrics'],
    certificateExpires: certificate.notAfter.toISOString(),
    denyWorkloads: o.settings.denyWorkloads,
    mutate: o.settings.mutate,
  });

  return {
    address,
    server,
    metrics,
    reload() {
      certWatcher.check();
      fileWatcher?.check(true);
    },
    async shutdown(delayMs, timeoutMs) {
      log.info('shutting down: no longer ready', { delayMs, drainTimeoutMs: timeoutMs });
      certWatcher.poller.stop();
      fileWatcher?.poller.stop();
      await server.shutdownStart(delayMs);
      const result = await server.shutdown(timeoutMs);
      await source?.stop();
      log.info(result.cut ? 'stopped: drain timed out, remaining connections cut' : 'stopped: every request in flight was answered');
      return result;
    },
  };
}
