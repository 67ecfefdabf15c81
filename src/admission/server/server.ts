// The HTTPS server around the decision: routes, body limits and timeouts, AdmissionReview in and
// out, metrics, logs, certificate swaps and a graceful drain. It holds no admission logic; every
// request that reaches a webhook path gets either an AdmissionReview (HTTP 200, the decision
// inside, as the API server expects) or an HTTP error with a JSON Status saying what was wrong.
// Modelled on upstream's webhook server (pod-security-admission/cmd/webhook/server/server.go:
// 3 MiB body limit, application/json only, the `timeout` query parameter bounds the work).

import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { CertificatePair } from './certificate-files';
import type { Decision } from '../decision/decide';
import { parseGoDuration } from '../config/go-duration';
import type { Logger } from './logger';
import type { AdmissionMetrics, RejectReason, Webhook } from './metrics';
import { requestOf, ReviewError, reviewResponse, type AdmissionRequest, type Verdict } from '../decision/review';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export type Decide = (req: AdmissionRequest, deadline: number | undefined) => Promise<Decision>;

export interface WebhookServerOptions {
  readonly host: string;
  readonly port: number;
  readonly certificate: CertificatePair;
  readonly validate: Decide;
  readonly mutate: Decide;
  /** The answer when deciding throws (a bug or an unreachable cluster): see failureVerdict. */
  readonly onFailure: (webhook: Webhook, req: AdmissionRequest, error: Error) => Verdict;
  readonly metrics: AdmissionMetrics;
  readonly logger: Logger;
  /** Whether /readyz answers 200 (besides not draining). */
  readonly ready: () => boolean;
  readonly maxBodyBytes?: number;
  /** Longest wait for a request body when the API server gave no timeout (default 30 s, its maximum). */
  readonly bodyTimeoutMs?: number;
  /** Longest wait for request headers (default 10 s). */
  readonly headersTimeoutMs?: number;
  /** What /metrics serves (default: this process's registry; with --workers, all workers'). */
  readonly metricsText?: () => Promise<string>;
}

interface HttpFailure {
  readonly code: number;
  readonly reason: RejectReason;
  readonly message: string;
}

const STATUS_REASON: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'Timeout',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

const WEBHOOKS: Readonly<Record<string, Webhook>> = { '/validate': 'validate', '/mutate': 'mutate' };

/** The `timeout` query parameter the API server appends (`?timeout=10s`). */
const TIMEOUT_PARAM = /(?:^|&)timeout=([^&]*)/;

function decodeQueryValue(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return v;
  }
}

function isJsonMediaType(header: string | undefined): boolean {
  if (header === 'application/json') return true; // what the API server sends
  if (header === undefined) return false;
  const [type, ...params] = header.split(';').map((s) => s.trim().toLowerCase());
  return type === 'application/json' && params.every((p) => p === '' || p === 'charset=utf-8');
}

export class WebhookServer {
  private readonly server: https.Server;
  private draining = false;
  /** Set when shutdown begins: /readyz fails and connections close after each answer. */
  private unready = false;
  private inflight = 0;
  private drained: (() => void) | undefined;
  private readonly maxBody: number;
  private readonly bodyTimeout: number;

  constructor(private readonly o: WebhookServerOptions) {
    this.maxBody = o.maxBodyBytes ?? MAX_BODY_BYTES;
    this.bodyTimeout = o.bodyTimeoutMs ?? 30_000;
    this.server = https.createServer(
      {
        cert: o.certificate.cert,
        key: o.certificate.key,
        minVersion: 'TLSv1.2',
        handshakeTimeout: 10_000,
        // Longer than the API server's idle connection timeout (90 s), so it never sends a
        // request on a connection this end is closing (a POST is not retried).
        keepAliveTimeout: 120_000,
        headersTimeout: o.headersTimeoutMs ?? 10_000,
        requestTimeout: 60_000,
        connectionsCheckingInterval: 1000,
      },
      (req, res) => this.route(req, res),
    );
    this.server.on('tlsClientError', (err) => o.logger.debug('TLS handshake failed', { error: err.message }));
    o.metrics.inflightNow = () => this.inflight;
    this.o.metrics.certificateExpiry.set(o.certificate.notAfter.getTime() / 1000);
  }

  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.o.port, this.o.host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** New connections get the new certificate; open ones keep theirs until they close. */
  setCertificate(pair: CertificatePair): void {
    this.server.setSecureContext({ cert: pair.cert, key: pair.key, minVersion: 'TLSv1.2' });
    this.o.metrics.certificateExpiry.set(pair.notAfter.getTime() / 1000);
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * The first step of a shutdown: /readyz answers 503 and each answer closes its connection, so
   * the API server moves to other replicas while this one still answers, for `delayMs`.
   */
  async shutdownStart(delayMs: number): Promise<void> {
    this.unready = true;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }

  /**
   * Stops accepting connections, closes idle ones, lets requests in flight finish (their
   * connections close after the answer) and resolves when all are done, or after `timeoutMs`
   * when the remaining connections are cut.
   */
  async shutdown(timeoutMs: number): Promise<{ cut: boolean }> {
    this.unready = true;
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const idle = this.inflight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.drained = resolve));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([idle.then(() => 'drained' as const), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') this.server.closeAllConnections();
    else this.server.closeIdleConnections();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    return { cut: result === 'timeout' };
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (this.unready || this.draining) res.setHeader('Connection', 'close');
    const webhook = WEBHOOKS[path];
    if (webhook !== undefined) {
      if (req.method !== 'POST') return this.fail(req, res, { code: 405, reason: 'method_not_allowed', message: `${path} accepts POST only` }, 'POST');
      void this.admit(webhook, req, res, q < 0 ? '' : url.slice(q + 1));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return this.fail(req, res, { code: 405, reason: 'method_not_allowed', message: `${path} accepts GET only` }, 'GET, HEAD');
    switch (path) {
      case '/healthz':
        return this.text(res, 200, 'ok\n');
      case '/readyz':
        return this.unready || this.draining
          ? this.text(res, 503, 'shutting down\n')
          : this.o.ready()
            ? this.text(res, 200, 'ok\n')
            : this.text(res, 503, 'not ready: the cluster view has not loaded yet\n');
      case '/metrics':
        (this.o.metricsText ?? (() => this.o.metrics.registry.metrics()))().then(
          (body) => this.text(res, 200, body, this.o.metrics.registry.contentType),
          (e: Error) => this.text(res, 500, `cannot collect metrics: ${e.message}\n`),
        );
        return;
      default:
        return this.fail(req, res, {
          code: 404,
          reason: 'not_found',
          message: `no such path ${path}: podguard serves POST /validate, POST /mutate, GET /healthz, /readyz and /metrics`,
        });
    }
  }

  /**
   * Headers for an answer written now. Once shutdown has begun every answer says
   * `Connection: close`, including answers to requests that arrived before it: a keep-alive
   * answer invites the client's next request onto a socket that is about to close, and that
   * request (a POST, which the API server does not retry) meets ECONNRESET. Node's server keeps
   * the connection alive after close() unless the answer itself says otherwise.
   */
  private answerHeaders<T extends Record<string, string | number>>(headers: T): T {
    if (this.unready || this.draining) (headers as Record<string, string | number>)['Connection'] = 'close';
    return headers;
  }

  private text(res: ServerResponse, code: number, body: string, type = 'text/plain; charset=utf-8'): void {
    res.writeHead(code, this.answerHeaders({ 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) }));
    res.end(body);
  }

  /** An HTTP error with a JSON Status body; the connection closes when the body was not read. */
  private fail(req: IncomingMessage, res: ServerResponse, f: HttpFailure, allow?: string): void {
    this.o.metrics.reject(f.reason);
    this.o.logger.info('request rejected', {
      path: req.url,
      method: req.method,
      code: f.code,
      reason: f.reason,
      error: f.message,
      remote: req.socket.remoteAddress,
    });
    if (res.headersSent) return;
    const body = JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: f.message,
      reason: STATUS_REASON[f.code] ?? 'Unknown',
      code: f.code,
    });
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
    if (allow) headers['Allow'] = allow;
    if (!req.complete) headers['Connection'] = 'close';
    res.writeHead(f.code, this.answerHeaders(headers));
    res.end(body);
  }

  private async admit(webhook: Webhook, req: IncomingMessage, res: ServerResponse, query: string): Promise<void> {
    const started = performance.now();
    this.inflight++;
    try {
      const timeoutMs = this.timeoutOf(query);
      const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
      if (!isJsonMediaType(req.headers['content-type'])) {
        return this.fail(req, res, {
          code: 415,
          reason: 'unsupported_media_type',
          message: `unsupported Content-Type ${JSON.stringify(req.headers['content-type'] ?? '')}: send an AdmissionReview as application/json`,
        });
      }
      const body = await this.readBody(req, Math.min(timeoutMs ?? this.bodyTimeout, this.bodyTimeout));
      if ('code' in body) return this.fail(req, res, body);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.text);
      } catch (e) {
        return this.fail(req, res, { code: 400, reason: 'bad_json', message: `the body is not valid JSON: ${(e as Error).message}` });
      }
      let request: AdmissionRequest;
      try {
        request = requestOf(parsed);
      } catch (e) {
        if (e instanceof ReviewError) return this.fail(req, res, { code: 400, reason: 'bad_review', message: e.message });
        throw e;
      }
      let decision: Decision;
      try {
        decision = await (webhook === 'validate' ? this.o.validate : this.o.mutate)(request, deadline);
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        this.o.logger.error('decision failed', { webhook, uid: request.uid, error: error.message, stack: error.stack });
        decision = { verdict: this.o.onFailure(webhook, request, error), events: [{ type: 'error', fatal: true }] };
      }
      const verdict = decision.verdict;
      const out = JSON.stringify(reviewResponse({ uid: request.uid, ...verdict }));
      // Answer in the event loop's check phase, once every request that arrived in the same poll
      // has been decided: the answers leave back to back instead of interleaved with reading,
      // which costs markedly less CPU per request under load (see docs/webhook.md, performance).
      await new Promise<void>((resolve) => setImmediate(resolve));
      res.writeHead(200, this.answerHeaders({ 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(out) }));
      res.end(out);
      const seconds = (performance.now() - started) / 1000;
      this.o.metrics.record(webhook, request, decision.events, verdict.allowed, seconds);
      // Every decision is in the API server's audit log (the annotations) and in the metrics;
      // here each is logged at debug only.
      if (this.o.logger.enabled('debug')) {
        this.o.logger.debug('admission', {
          webhook,
          uid: request.uid,
          operation: request.operation,
          resource: request.resource.resource,
          subresource: request.subResource || undefined,
          namespace: request.namespace || undefined,
          name: request.name || undefined,
          user: request.userInfo?.username,
          dryRun: request.dryRun || undefined,
          allowed: verdict.allowed,
          message: verdict.status?.message,
          warnings: verdict.warnings?.length || undefined,
          patched: verdict.patch !== undefined || undefined,
          ms: Math.round(seconds * 1e6) / 1e3,
        });
      }
    } catch (e) {
      this.fail(req, res, { code: 500, reason: 'internal', message: `internal error: ${(e as Error).message}` });
    } finally {
      this.inflight--;
      if (this.inflight === 0 && this.drained) this.drained();
    }
  }

  /** The last query string and the timeout it gave: the API server sends the same `timeout=10s` on every request. */
  private lastQuery: string | undefined;
  private lastTimeoutMs: number | undefined;

  /** The `timeout` query parameter in ms, undefined when absent or invalid. */
  private timeoutOf(query: string): number | undefined {
    if (query === this.lastQuery) return this.lastTimeoutMs;
    let timeoutMs: number | undefined;
    const match = query === '' ? null : TIMEOUT_PARAM.exec(query);
    if (match) {
      const raw = decodeQueryValue(match[1]!);
      if (raw !== '') {
        const parsed = parseGoDuration(raw);
        if (parsed === undefined) this.o.logger.debug('ignoring an invalid timeout query parameter', { timeout: raw });
        else timeoutMs = parsed;
      }
    }
    this.lastQuery = query;
    this.lastTimeoutMs = timeoutMs;
    return timeoutMs;
  }

  /** The body as text, or the HTTP failure: too large (413) or too slow (408). Never buffers past the limit. */
  private readBody(req: IncomingMessage, timeoutMs: number): Promise<{ text: string } | HttpFailure> {
    const tooLarge: HttpFailure = { code: 413, reason: 'too_large', message: `the request body is larger than the ${this.maxBody} byte limit` };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBody) return Promise.resolve(tooLarge);
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = (r: { text: string } | HttpFailure) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        req.off('aborted', onError);
        if ('code' in r) req.resume(); // discard the rest; the connection closes after the answer
        resolve(r);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.maxBody) finish(tooLarge);
        else chunks.push(chunk);
      };
      const onEnd = () => finish({ text: (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8') });
      const onError = () => finish({ code: 400, reason: 'bad_json', message: 'the client went away before sending the whole body' });
      const timer = setTimeout(
        () => finish({ code: 408, reason: 'timeout', message: `the request body did not arrive within ${timeoutMs / 1000}s` }),
        Math.max(0, timeoutMs),
      );
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
      req.on('aborted', onError);
    });
  }
}
