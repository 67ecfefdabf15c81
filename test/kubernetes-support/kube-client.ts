// A minimal REST client for the test API server: one request, its status, body and warnings.
// (The tests drive podguard through its CLI; this client only sets up and observes the cluster.)

import https from 'node:https';

export interface KubeResponse {
  readonly status: number;
  readonly body: any;
  /** The texts of the Warning headers (RFC 7234 `299 - "text"`), in order. */
  readonly warnings: string[];
}

/** The text of one `299 - "…"` warning value, unescaped as the apiserver escapes it. */
export function warningText(value: string): string {
  const m = /^299 - "(.*)"$/s.exec(value.trim());
  return m ? m[1]!.replace(/\\(.)/g, '$1') : value;
}

export class KubeClient {
  private readonly agent: https.Agent;

  constructor(
    readonly server: string,
    ca: string,
    private readonly token: string,
  ) {
    this.agent = new https.Agent({ ca, keepAlive: true, maxSockets: 8 });
  }

  request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeResponse> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        new URL(path, this.server),
        {
          method,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            accept: 'application/json',
            ...(payload !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* not JSON: keep the text */
            }
            const raw = res.headers['warning'];
            const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
            // Node joins repeated headers with ", "; the apiserver sends one header per warning,
            // so split only between quoted values.
            const warnings = values.flatMap((v) => v.split(/(?<="), (?=299 )/)).map(warningText);
            resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
          });
        },
      );
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.end(payload);
    });
  }

  /** A request that must succeed (2xx); anything else throws with the apiserver's message. */
  async must(method: string, path: string, body?: unknown, contentType?: string): Promise<any> {
    const r = await this.request(method, path, body, contentType);
    if (r.status < 200 || r.status > 299)
      throw new Error(`${method} ${path}: ${r.status} ${typeof r.body === 'string' ? r.body : (r.body?.message ?? JSON.stringify(r.body))}`);
    return r.body;
  }

  close(): void {
    this.agent.destroy();
  }
}
