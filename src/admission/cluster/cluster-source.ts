// The cluster as the decision sees it, through @kubernetes/client-node: an informer keeps every
// Namespace (labels change rarely and are read on every request), a namespace missing from the
// cache is read live, and pods are listed live only when a namespace's enforce level tightens —
// the same split as upstream's webhook (NamespaceGetterFromListerAndClient, PodListerFromClient
// in pod-security-admission/admission/namespace.go and pods.go). RBAC: namespaces get, list,
// watch; pods list.

import type { KubeObject } from '../../k8s/types';
import { clientTransport, connect, DEFAULT_MAX_RESPONSE_BYTES, k8s, type ApiTransport } from '../../kube/client';
import { parseOk } from '../../kube/kube-api';
import { namespaceInfo, type ClusterView, type NamespaceInfo } from './cluster-view';
import type { Logger } from '../server/logger';

export interface ClusterSourceOptions {
  /** A kubeconfig file; without one, in-cluster configuration when `inCluster`, else the default (KUBECONFIG, ~/.kube/config). */
  readonly kubeconfig?: string;
  readonly inCluster?: boolean;
  readonly logger: Logger;
  /** Delay before restarting a failed watch (default 5 s). */
  readonly restartDelayMs?: number;
  /** Largest live answer read (a namespace's pod list); default 64 MiB. */
  readonly maxResponseBytes?: number;
}

export interface ClusterSource extends ClusterView {
  stop(): Promise<void>;
}

/**
 * GETs an API path as raw JSON through the one Kubernetes client (src/kube: bounded bodies, the
 * kubeconfig's credentials), abandoning it at `deadline`. Raw, not through client-node's typed
 * models, which drop fields newer than the client knows: the standard must judge pods exactly as
 * the API server stores them.
 */
async function getJson(transport: ApiTransport, apiPath: string, deadline: number, what: string): Promise<Record<string, unknown>> {
  const ms = deadline - Date.now();
  if (ms <= 0) throw new Error(`${what}: no time left`);
  try {
    return parseOk(await transport.send({ method: 'GET', path: apiPath, timeoutMs: ms })) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`);
  }
}

const LOOKUP_TIMEOUT_MS = 5000;

export async function connectCluster(o: ClusterSourceOptions): Promise<ClusterSource> {
  const conn = connect({ ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}), ...(o.inCluster ? { inCluster: true } : {}) });
  const kc = conn.kubeConfig;
  const transport = clientTransport(conn, { maxResponseBytes: o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES });
  const client = k8s();
  const core = kc.makeApiClient(client.CoreV1Api);
  // Ready means the namespace view is loaded: the last list of namespaces succeeded. client-node's
  // informer.start() resolves even when that list fails (ListWatch.doneHandler reports the error
  // to 'error' handlers and returns), so its promise alone would call a view that never loaded
  // ready — /readyz answered 200 while every list got HTTP 500. A failing watch afterwards keeps
  // the loaded cache (as upstream's webhook, whose readiness is the informer's HasSynced).
  let synced = false;
  const informer = client.makeInformer(kc, '/api/v1/namespaces', () =>
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
      return getJson(transport, at, Date.now() + LOOKUP_TIMEOUT_MS, `reading namespace ${name}`).then((ns) => namespaceInfo(ns as KubeObject));
    },
    async pods(namespace: string, deadline: number): Promise<readonly KubeObject[]> {
      const list = await getJson(transport, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, deadline, `listing pods in ${namespace}`);
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
