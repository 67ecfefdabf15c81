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
import zlib from 'node:zlib';

let clientNode: typeof ClientNode | undefined;

/**
 * client-node is large (about half a second to load): loaded only by the commands that talk to a
 * cluster (audit, rbac --cluster, serve), not by every command. The one place that loads it.
 * client-node 1.x is an ES module: require() of it needs Node 20.19 or newer (package.json engines).
 */
export function k8s(): typeof ClientNode {
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
export interface ConnectOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Without --kubeconfig: the pod's service account (the webhook in its Deployment). */
  readonly inCluster?: boolean;
}

export function connect(options: ConnectOptions): ClusterConnection {
  const kc = new (k8s().KubeConfig)();
  try {
    if (options.kubeconfig === undefined && options.inCluster) {
      kc.loadFromCluster();
    } else if (options.kubeconfig !== undefined) {
      if (!fs.existsSync(options.kubeconfig)) throw new KubeConfigError(`kubeconfig ${options.kubeconfig} does not exist`);
      kc.loadFromFile(options.kubeconfig);
    } else {
      if (!hasDefaultConfig()) {
        throw new KubeConfigError(
          'no kubeconfig found (looked at $KUBECONFIG and ~/.kube/config): pass --kubeconfig FILE, or audit kubectl output with "podguard audit -"',
        );
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
    throw new KubeConfigError(
      current ? `context ${JSON.stringify(current)} names no cluster in the kubeconfig` : 'the kubeconfig has no current context: pass --context NAME',
    );
  }
  return { kubeConfig: plainHttpAllowed(kc), context: kc.getCurrentContext(), server: cluster.server };
}

/**
 * client-node refuses an `http://` server unless the kubeconfig sets insecure-skip-tls-verify
 * ("HTTP protocol is not allowed when skipTLSVerify is not set or false"). kubectl does not:
 * client-go talks plain HTTP to such a server (that is how `kubectl proxy` at
 * http://127.0.0.1:8001 is used; k8s.io/client-go/rest/url_utils.go DefaultServerURL keeps the
 * scheme, and transport.TLSConfigFor returns no TLS config without TLS options). With no TLS there
 * is nothing to verify, so marking the plain-HTTP cluster as skip-verify changes nothing but that
 * check; HTTPS clusters are left exactly as loaded.
 */
function plainHttpAllowed(kc: KubeConfig): KubeConfig {
  const cluster = kc.getCurrentCluster();
  if (!cluster || !cluster.server.toLowerCase().startsWith('http:') || cluster.skipTLSVerify) return kc;
  const copy = new (k8s().KubeConfig)();
  copy.loadFromOptions({
    clusters: kc.clusters.map((c) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c)),
    users: kc.users,
    contexts: kc.contexts,
    currentContext: kc.getCurrentContext(),
  });
  return copy;
}

const USER_AGENT = 'podguard';

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

/** Response bodies larger than this are refused unless the user raises it (--max-response-size). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** A response body over the limit: named by its request and the limit, never read whole. */
export class ResponseTooLargeError extends Error {}

export interface TransportOptions {
  /** Largest response body (after decompression) that is read; larger ones fail with ResponseTooLargeError. */
  readonly maxResponseBytes?: number;
}

/** `https://host:6443///` → `https://host:6443`, in one pass (no backtracking regex on user text). */
function trimTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 0x2f) end--;
  return url.slice(0, end);
}

/** Formats a byte count the way the flag takes it (64Mi), for messages. */
export function formatBytes(n: number): string {
  for (const [unit, size] of [
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const)
    if (n >= size && n % size === 0) return `${n / size}${unit}`;
  return `${n} bytes`;
}

export function clientTransport(conn: ClusterConnection, options: TransportOptions = {}): ApiTransport {
  const agents = new Map<string, http.Agent>();
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const { HttpMethod, ServerConfiguration } = k8s();
  const server = new ServerConfiguration<Record<string, string>>(trimTrailingSlashes(conn.server), {});
  return {
    server: conn.server,
    async send(req: ApiRequest): Promise<ApiResponse> {
      const ctx = server.makeRequestContext(req.path, req.method === 'GET' ? HttpMethod.GET : HttpMethod.PATCH);
      for (const [k, v] of Object.entries(req.query ?? {})) ctx.setQueryParam(k, v);
      ctx.setHeaderParam('Accept', 'application/json');
      ctx.setHeaderParam('Accept-Encoding', 'gzip');
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
      const what = `${req.method} ${req.path}`;
      try {
        return await sendBounded(ctx.getUrl(), req.method, ctx.getHeaders(), req.body, agent, req.timeoutMs, maxBytes, what);
      } catch (e) {
        if (e instanceof ResponseTooLargeError) throw e;
        throw connectionError(e, conn.server, req.timeoutMs);
      }
    },
  };
}

/**
 * One request with Node's http/https, reading the body as a stream and giving up as soon as it
 * passes `maxBytes` (or announces more in Content-Length). client-node's fetch reads any body
 * whole into one string: a 570 MB list page failed with "Cannot create a string longer than
 * 0x1fffffe8 characters" after filling a gigabyte of memory. Gzip is accepted (as kubectl does)
 * and the limit counts decompressed bytes, so a small compressed body cannot expand without bound.
 */
function sendBounded(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  agent: http.Agent | https.Agent | undefined,
  timeoutMs: number,
  maxBytes: number,
  what: string,
): Promise<ApiResponse> {
  const tooLarge = () =>
    new ResponseTooLargeError(
      `the API server's answer to ${what} is larger than ${formatBytes(maxBytes)} (--max-response-size); ask for smaller pages with --chunk-size or raise the limit`,
    );
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const lib = target.protocol === 'http:' ? http : https;
    const request = lib.request(target, { method, headers, ...(agent ? { agent } : {}), signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      const declared = Number(res.headers['content-length']);
      const gzip = (res.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
      if (!gzip && Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        reject(tooLarge());
        return;
      }
      const stream: NodeJS.ReadableStream & { destroy(): void } = gzip ? res.pipe(zlib.createGunzip()) : res;
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const fail = (e: unknown) => {
        if (done) return;
        done = true;
        res.destroy();
        stream.destroy();
        reject(e);
      };
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) fail(tooLarge());
        else chunks.push(chunk);
      });
      stream.on('error', fail);
      res.on('error', fail);
      res.on('aborted', () => fail(Object.assign(new Error('the connection closed before the whole answer arrived'), { code: 'ECONNRESET' })));
      stream.on('end', () => {
        if (done) return;
        done = true;
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks, size).toString('utf8') });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}
