// Requests to the API server with bounded concurrency and retries on transient failures.
// Transient: no response (connection refused or reset, timeout) and the statuses an API server or
// its load balancer returns when briefly overloaded or restarting (429, 500, 502, 503, 504), the
// same set client-go retries. Retry-After is honoured, within a cap; other errors are returned at once.

import { ConnectionError, type ApiRequest, type ApiResponse, type ApiTransport } from './client';

/** An error status from the API server, with the message of its `Status` body. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly timeoutMs: number;
  /** First backoff; doubles each retry, up to maxDelayMs. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Injected by tests to make time pass instantly. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Connection failures worth retrying; anything else (bad credentials, unknown host) fails at once. */
const RETRY_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The message of a Kubernetes `Status` body, or the start of whatever else came back. */
export function statusMessage(res: ApiResponse): { message: string; reason?: string } {
  try {
    const s = JSON.parse(res.body) as { kind?: string; message?: unknown; reason?: unknown };
    if (s && s.kind === 'Status' && typeof s.message === 'string') {
      return typeof s.reason === 'string' ? { message: s.message, reason: s.reason } : { message: s.message };
    }
  } catch {
    // not JSON: fall through
  }
  const text = res.body.trim().split('\n')[0]!.slice(0, 200);
  return { message: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
}

export class KubeApi {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly sleep: (ms: number) => Promise<void>;
  /** Counters for progress and tests. */
  readonly stats = { requests: 0, retries: 0 };

  constructor(
    readonly transport: ApiTransport,
    private readonly options: RequestOptions,
  ) {
    this.sleep = options.sleep ?? defaultSleep;
  }

  get server(): string {
    return this.transport.server;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next)
      next(); // hand the slot over directly
    else this.active--;
  }

  private backoff(attempt: number, res?: ApiResponse): number {
    const max = this.options.maxDelayMs ?? 10_000;
    const retryAfter = res ? Number(res.headers['retry-after']) : NaN;
    if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.min(retryAfter * 1000, max);
    const base = (this.options.baseDelayMs ?? 250) * 2 ** attempt;
    return Math.min(base * (0.75 + Math.random() * 0.5), max); // jitter spreads retries from parallel workers
  }

  /** Sends a request, retrying transient failures; resolves with the final response. */
  async send(req: Omit<ApiRequest, 'timeoutMs'>): Promise<ApiResponse> {
    for (let attempt = 0; ; attempt++) {
      await this.acquire();
      let res: ApiResponse | undefined;
      let failure: ConnectionError | undefined;
      try {
        this.stats.requests++;
        res = await this.transport.send({ ...req, timeoutMs: this.options.timeoutMs });
      } catch (e) {
        if (!(e instanceof ConnectionError)) throw e;
        failure = e;
      } finally {
        this.release();
      }
      const transient = failure ? RETRY_CODES.has(failure.code) : RETRY_STATUSES.has(res!.status);
      if (!transient || attempt >= this.options.retries) {
        if (failure) throw failure;
        return res!;
      }
      this.stats.retries++;
      await this.sleep(this.backoff(attempt, res));
    }
  }

  /** GETs a path and parses the JSON body; throws ApiError for an error status. */
  async getJson(path: string, query?: Readonly<Record<string, string>>): Promise<unknown> {
    const res = await this.send({ method: 'GET', path, ...(query ? { query } : {}) });
    return parseOk(res);
  }
}

/** The parsed body of a 2xx response; ApiError otherwise. */
export function parseOk(res: ApiResponse): unknown {
  if (res.status < 200 || res.status > 299) {
    const { message, reason } = statusMessage(res);
    throw new ApiError(message, res.status, reason);
  }
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    throw new ApiError(`the API server returned a response that is not JSON (${res.body.slice(0, 80)}…)`, res.status);
  }
}
