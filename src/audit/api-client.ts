// Talks to the Kubernetes API server through @kubernetes/client-node: its KubeConfig loads the
// kubeconfig (contexts, client certificates, tokens, exec and OIDC credential plugins, proxies),
// its ServerConfiguration and RequestContext build requests, its authentication signs them and its
// HTTP library sends them.
//
// We read response bodies as raw JSON instead of going through the generated typed clients on
// purpose: those deserialize into model classes that keep only the fields this client version
// knows, and Pod Security Admission judges the object as the API server stores it, including
// fields newer than the client (upstream evaluates the stored object, not a client's view of it).

import type * as ClientNode from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';

let clientNode: typeof ClientNode | undefined;

/** client-node is large (about half a second to load): loaded only when a cluster is audited, not by every command. */
function k8s(): typeof ClientNode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (clientNode ??= require('@kubernetes/client-node') as typeof ClientNode);
}

export interface ApiRequest {
  readonly method: 'GET' | 'PATCH';
  /** Path below the server URL, e.g. `/api/v1/namespaces`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly contentType?: string;
  readonly timeoutMs: number;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Sends one request and returns the response, whatever its status; throws only when no response came. */
export interface ApiTransport {
  readonly server: string;
  send(request: ApiRequest): Promise<ApiResponse>;
}

/** No response: the connection failed, was reset, or the request timed out. */
export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The kubeconfig cannot be used (missing, unreadable, no such context): a usage problem. */
export class KubeConfigError extends Error {}

export interface ClusterConnection {
  readonly kubeConfig: KubeConfig;
  readonly context: string;
  readonly server: string;
}

function hasDefaultConfig(): boolean {
  if (process.env['KUBECONFIG']) return true;
  const home = process.env['HOME'] ?? process.env['USERPROFILE'];
  if (home && fs.existsSync(`${home}/.kube/config`)) return true;
  return fs.existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token'); // in a pod
}

/** Loads the kubeconfig the way kubectl does: --kubeconfig, else $KUBECONFIG, else ~/.kube/config, else in-cluster. */
export function connect(options: { readonly kubeconfig?: string; readonly context?: string }): ClusterConnection {
  const kc = new (k8s().KubeConfig)();
  try {
    if (options.kubeconfig !== undefined) {
      if (!fs.existsSync(options.kubeconfig)) throw new KubeConfigError(`kubeconfig ${options.kubeconfig} does not exist`);
      kc.loadFromFile(options.kubeconfig);
    } else {
      if (!hasDefaultConfig()) {
        throw new KubeConfigError('no kubeconfig found (looked at $KUBECONFIG and ~/.kube/config): pass --kubeconfig FILE, or audit kubectl output with "podguard audit -"');
      }
      kc.loadFromDefault();
    }
  } catch (e) {
    if (e instanceof KubeConfigError) throw e;
    throw new KubeConfigError(`cannot read kubeconfig${options.kubeconfig ? ` ${options.kubeconfig}` : ''}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (options.context !== undefined) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new KubeConfigError(`no context ${JSON.stringify(options.context)} in the kubeconfig${known.length ? ` (it has: ${known.join(', ')})` : ''}`);
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    const current = kc.getCurrentContext();
    throw new KubeConfigError(current ? `context ${JSON.stringify(current)} names no cluster in the kubeconfig` : 'the kubeconfig has no current context: pass --context NAME');
  }
  return { kubeConfig: kc, context: kc.getCurrentContext(), server: cluster.server };
}

const USER_AGENT = 'podguard-audit';

/** Describes a failed fetch in a user's words, keeping the system error code for the retry policy. */
function connectionError(e: unknown, server: string, timeoutMs: number): ConnectionError {
  const err = e as { name?: string; type?: string; code?: string; message?: string };
  if (err.name === 'AbortError' || err.type === 'aborted' || err.name === 'TimeoutError') {
    return new ConnectionError(`no response from ${server} within ${timeoutMs / 1000}s`, 'ETIMEDOUT');
  }
  const code = err.code ?? 'ECONNECTION';
  const message = (err.message ?? String(e)).replace(/^request to \S+ failed, reason: /, '');
  return new ConnectionError(`cannot reach ${server}: ${message}`, code);
}

/**
 * client-node signs each request with a new agent that closes its connection afterwards; an audit
 * sends thousands of requests, so we keep one keep-alive agent with the same TLS options (client
 * certificate, CA, server name) and reuse its connections. Proxy agents are left as client-node
 * made them.
 */
function keepAlive(cache: Map<string, http.Agent>, fresh: http.Agent | https.Agent | undefined): http.Agent | https.Agent | undefined {
  if (!fresh || (fresh.constructor !== https.Agent && fresh.constructor !== http.Agent)) return fresh;
  const o = (fresh as https.Agent & { options: https.AgentOptions }).options;
  const secure = fresh.constructor === https.Agent;
  const key = JSON.stringify([secure, o.ca, o.cert, o.key, o.pfx, o.passphrase, o.rejectUnauthorized, o.servername]);
  let agent = cache.get(key);
  if (!agent) {
    const options = { ...o, keepAlive: true };
    agent = secure ? new https.Agent(options) : new http.Agent(options);
    cache.set(key, agent);
  }
  return agent;
}

export function clientTransport(conn: ClusterConnection): ApiTransport {
  const agents = new Map<string, http.Agent>();
  const { HttpMethod, IsomorphicFetchHttpLibrary, ServerConfiguration } = k8s();
  const server = new ServerConfiguration<Record<string, string>>(conn.server.replace(/\/+$/, ''), {});
  const fetcher = new IsomorphicFetchHttpLibrary();
  return {
    server: conn.server,
    async send(req: ApiRequest): Promise<ApiResponse> {
      const ctx = server.makeRequestContext(req.path, req.method === 'GET' ? HttpMethod.GET : HttpMethod.PATCH);
      for (const [k, v] of Object.entries(req.query ?? {})) ctx.setQueryParam(k, v);
      ctx.setHeaderParam('Accept', 'application/json');
      ctx.setHeaderParam('User-Agent', USER_AGENT);
      if (req.body !== undefined) {
        ctx.setHeaderParam('Content-Type', req.contentType ?? 'application/json');
        ctx.setBody(req.body);
      }
      try {
        await conn.kubeConfig.applySecurityAuthentication(ctx);
      } catch (e) {
        throw new ConnectionError(`cannot authenticate to ${conn.server}: ${(e as Error).message.split('\n')[0]}`, 'EAUTH');
      }
      const agent = keepAlive(agents, ctx.getAgent());
      if (agent) ctx.setAgent(agent);
      ctx.setSignal(AbortSignal.timeout(req.timeoutMs));
      try {
        const res = await fetcher.send(ctx).toPromise();
        const body = await res.body.text();
        return { status: res.httpStatusCode, headers: res.headers, body };
      } catch (e) {
        throw connectionError(e, conn.server, req.timeoutMs);
      }
    },
  };
}
