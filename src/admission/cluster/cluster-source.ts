// The cluster as the decision sees it, through @kubernetes/client-node: an informer keeps every
// Namespace (labels change rarely and are read on every request), a namespace missing from the
// cache is read live, and pods are listed live only when a namespace's enforce level tightens —
// the same split as upstream's webhook (NamespaceGetterFromListerAndClient, PodListerFromClient
// in pod-security-admission/admission/namespace.go and pods.go). RBAC: namespaces get, list,
// watch; pods list.

import https from 'node:https';
import type { KubeObject } from '../../k8s/types';
import { namespaceInfo, type ClusterView, type NamespaceInfo } from './cluster-view';
import type { Logger } from '../server/logger';

type ClientNode = typeof import('@kubernetes/client-node');

// @kubernetes/client-node 1.x is an ES module; podguard is CommonJS, and TypeScript would turn a
// plain import() into require(). This keeps a real dynamic import.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<ClientNode>;

export interface ClusterSourceOptions {
  /** A kubeconfig file; without one, in-cluster configuration when `inCluster`, else the default (KUBECONFIG, ~/.kube/config). */
  readonly kubeconfig?: string;
  readonly inCluster?: boolean;
  readonly logger: Logger;
  /** Delay before restarting a failed watch (default 5 s). */
  readonly restartDelayMs?: number;
}

export interface ClusterSource extends ClusterView {
  stop(): Promise<void>;
}

type KubeConfig = InstanceType<ClientNode['KubeConfig']>;

/**
 * GETs an API path as raw JSON, with the kubeconfig's credentials, abandoning it at `deadline`.
 * Raw, not through client-node's typed models, which drop fields newer than the client knows:
 * the standard must judge pods exactly as the API server stores them.
 */
async function getJson(kc: KubeConfig, apiPath: string, deadline: number, what: string): Promise<Record<string, unknown>> {
  const ms = deadline - Date.now();
  if (ms <= 0) throw new Error(`${what}: no time left`);
  const url = new URL(apiPath, kc.getCurrentCluster()!.server);
  const opts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kc.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = https.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return reject(new Error(`${what}: HTTP ${res.statusCode}, not JSON`));
        }
        if (res.statusCode !== 200) return reject(new Error(`${what}: HTTP ${res.statusCode}: ${String(body['message'] ?? body['reason'] ?? '')}`));
        resolve(body);
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`${what}: timed out after ${ms} ms`)), ms);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end();
  });
}

const LOOKUP_TIMEOUT_MS = 5000;

export async function connectCluster(o: ClusterSourceOptions): Promise<ClusterSource> {
  const k8s = await importEsm('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  if (o.kubeconfig) kc.loadFromFile(o.kubeconfig);
  else if (o.inCluster) kc.loadFromCluster();
  else kc.loadFromDefault();
  if (!kc.getCurrentCluster()) throw new Error(`no cluster in the kubeconfig${o.kubeconfig ? ` ${o.kubeconfig}` : ''}`);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  // Ready means the namespace view is loaded: the last list of namespaces succeeded. client-node's
  // informer.start() resolves even when that list fails (ListWatch.doneHandler reports the error
  // to 'error' handlers and returns), so its promise alone would call a view that never loaded
  // ready — /readyz answered 200 while every list got HTTP 500. A failing watch afterwards keeps
  // the loaded cache (as upstream's webhook, whose readiness is the informer's HasSynced).
  let synced = false;
  const informer = k8s.makeInformer(kc, '/api/v1/namespaces', () =>
    core.listNamespace().then(
      (list) => {
        synced = true;
        return list;
      },
      (e: unknown) => {
        synced = false;
        throw e;
      },
    ),
  );
  let announced = false;
  let stopped = false;
  const restartDelay = o.restartDelayMs ?? 5000;
  const start = (): void => {
    informer.start().then(
      () => {
        if (synced && !announced) o.logger.info('namespace informer synced', { namespaces: informer.list().length });
        announced ||= synced;
      },
      (e: Error) => {
        o.logger.warn('namespace informer failed to start; retrying', { error: e.message, retryMs: restartDelay });
        if (!stopped) setTimeout(start, restartDelay).unref();
      },
    );
  };
  informer.on('error', (e: unknown) => {
    o.logger.warn('namespace watch ended with an error; restarting', { error: e instanceof Error ? e.message : String(e), retryMs: restartDelay });
    if (!stopped) setTimeout(start, restartDelay).unref();
  });
  start();

  // One NamespaceInfo per cached object (the informer replaces the object on every change), so
  // the decision can keep what it derives from it.
  const infos = new WeakMap<object, NamespaceInfo>();
  return {
    namespace(name: string): NamespaceInfo | Promise<NamespaceInfo> {
      const cached = informer.get(name);
      if (cached) {
        let info = infos.get(cached);
        if (!info) infos.set(cached, (info = namespaceInfo(cached as KubeObject)));
        return info;
      }
      // Not (yet) in the cache: a namespace created a moment ago. Read it live.
      const at = `/api/v1/namespaces/${encodeURIComponent(name)}`;
      return getJson(kc, at, Date.now() + LOOKUP_TIMEOUT_MS, `reading namespace ${name}`).then((ns) => namespaceInfo(ns as KubeObject));
    },
    async pods(namespace: string, deadline: number): Promise<readonly KubeObject[]> {
      const list = await getJson(kc, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, deadline, `listing pods in ${namespace}`);
      // List items come without kind and apiVersion.
      const items = Array.isArray(list['items']) ? (list['items'] as KubeObject[]) : [];
      return items.map((p) => ({ ...p, apiVersion: 'v1', kind: 'Pod' }));
    },
    ready: () => synced,
    async stop() {
      stopped = true;
      await informer.stop();
    },
  };
}
