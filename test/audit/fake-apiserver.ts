// A local HTTP server that answers like a Kubernetes API server, for the audit's tests and
// benchmark: paged lists (`limit`/`continue`, items without kind/apiVersion, as the real server
// sends them), `Status` bodies for errors, 403 for what a user may not list, 410 "Expired" for
// an expired continue token, slow pages, transient failures, bearer-token authentication, the
// discovery documents kubectl needs, and server-side apply of PolicyReports. Binds to 127.0.0.1.
//
// Objects come from a ClusterModel, which may generate them lazily page by page (the benchmark
// serves 100,000 pods without holding them).

import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { KubeObject } from '../../src/k8s/types';

/** Resources served, with the group/version and kind of their lists. */
export const RESOURCES = [
  { resource: 'pods', apiVersion: 'v1', kind: 'Pod', short: ['po'] },
  { resource: 'replicationcontrollers', apiVersion: 'v1', kind: 'ReplicationController', short: ['rc'] },
  { resource: 'deployments', apiVersion: 'apps/v1', kind: 'Deployment', short: ['deploy'] },
  { resource: 'statefulsets', apiVersion: 'apps/v1', kind: 'StatefulSet', short: ['sts'] },
  { resource: 'daemonsets', apiVersion: 'apps/v1', kind: 'DaemonSet', short: ['ds'] },
  { resource: 'replicasets', apiVersion: 'apps/v1', kind: 'ReplicaSet', short: ['rs'] },
  { resource: 'jobs', apiVersion: 'batch/v1', kind: 'Job', short: [] },
  { resource: 'cronjobs', apiVersion: 'batch/v1', kind: 'CronJob', short: ['cj'] },
] as const;

export interface ClusterModel {
  /** Namespace names, sorted. */
  namespaceNames(): readonly string[];
  namespace(name: string): KubeObject | undefined;
  /** How many objects of a resource a namespace holds. */
  count(namespace: string, resource: string): number;
  /** Objects [from, to) of a resource in a namespace, in name order. */
  slice(namespace: string, resource: string, from: number, to: number): KubeObject[];
}

/** A model over a fixed set of objects (kind, apiVersion and namespace taken from each). */
export class StaticCluster implements ClusterModel {
  private readonly namespaces = new Map<string, KubeObject>();
  private readonly byNsResource = new Map<string, KubeObject[]>();

  constructor(objects: readonly KubeObject[]) {
    for (const o of objects) {
      if (o.kind === 'Namespace') {
        this.namespaces.set(o.metadata!.name!, o);
        continue;
      }
      const r = RESOURCES.find((x) => x.kind === o.kind);
      if (!r) throw new Error(`fake API server: no resource for kind ${o.kind}`);
      const key = `${o.metadata!.namespace}/${r.resource}`;
      const list = this.byNsResource.get(key) ?? [];
      list.push(o);
      this.byNsResource.set(key, list);
    }
    for (const list of this.byNsResource.values()) list.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  }
  namespaceNames(): string[] {
    return [...this.namespaces.keys()].sort();
  }
  namespace(name: string): KubeObject | undefined {
    return this.namespaces.get(name);
  }
  count(ns: string, resource: string): number {
    return this.byNsResource.get(`${ns}/${resource}`)?.length ?? 0;
  }
  slice(ns: string, resource: string, from: number, to: number): KubeObject[] {
    return (this.byNsResource.get(`${ns}/${resource}`) ?? []).slice(from, to);
  }
}

export interface Faults {
  /** 403 for these resources in these namespaces (`*` for any); `namespaces` forbids listing namespaces. */
  forbidden?: { namespace: string; resource: string }[];
  /** The first request that uses a continue token on these list paths answers 410 Expired. */
  expireContinueOnce?: string[];
  /** Delay the first N answers on these paths (with query `continue` if `continued`). */
  slow?: { path: string; delayMs: number; times: number }[];
  /** Answer the first N requests on these paths with this status (503, 429, …). */
  fail?: { path: string; status: number; times: number; retryAfter?: number }[];
  /** Reset the connection of the first N requests on these paths. */
  reset?: { path: string; times: number }[];
}

export interface ServerOptions {
  readonly token?: string;
  readonly gitVersion?: string;
  readonly faults?: Faults;
  /** Serve the wgpolicyk8s.io CRDs (accept server-side apply of PolicyReports). */
  readonly policyReports?: boolean;
  /** Serve HTTPS with this key and certificate (PEM); the kubeconfig then trusts the certificate. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
}

function status(code: number, reason: string, message: string, extra: Record<string, unknown> = {}) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...extra, code };
}

/** Continue tokens are opaque to clients; ours carry the position and the list "snapshot". */
function encodeToken(offset: number, snapshot: number): string {
  return Buffer.from(JSON.stringify({ o: offset, s: snapshot })).toString('base64url');
}
function decodeToken(t: string): { o: number; s: number } | undefined {
  try {
    const v = JSON.parse(Buffer.from(t, 'base64url').toString()) as { o: number; s: number };
    return typeof v.o === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FakeApiServer {
  /** Requests as answered (status 0: the connection was reset). */
  readonly requests: LoggedRequest[] = [];
  /** Requests as they arrive, answered or not (a client may give up on a slow one). */
  readonly received: { readonly method: string; readonly path: string; readonly query: Readonly<Record<string, string>> }[] = [];
  /** Server-side applied PolicyReports by path. */
  readonly applied = new Map<string, { contentType: string; body: unknown; query: Record<string, string> }>();
  private server: http.Server | undefined;
  private snapshot = 1;
  private readonly counters = new Map<string, number>();
  private readonly expired = new Set<string>();
  port = 0;

  constructor(
    private readonly model: ClusterModel,
    private readonly options: ServerOptions = {},
  ) {}

  get url(): string {
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const tls = this.options.tls;
    const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch((e: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status(500, 'InternalError', String(e))));
      });
    };
    this.server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** A kubeconfig for this server (plain HTTP needs insecure-skip-tls-verify in client-node; HTTPS trusts its certificate). */
  kubeconfig(contextName = 'fake'): string {
    const trust = this.options.tls
      ? `    certificate-authority-data: ${Buffer.from(this.options.tls.cert).toString('base64')}`
      : '    insecure-skip-tls-verify: true';
    return [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${contextName}`,
      'clusters:',
      `- name: fake`,
      '  cluster:',
      `    server: ${this.url}`,
      trust,
      'users:',
      '- name: auditor',
      ...(this.options.token !== undefined ? ['  user:', `    token: ${this.options.token}`] : ['  user: {}']),
      'contexts:',
      `- name: ${contextName}`,
      '  context: {cluster: fake, user: auditor}',
      '',
    ].join('\n');
  }

  /** Counts how often a fault keyed by `key` has fired, and whether it should fire again. */
  private fire(key: string, times: number): boolean {
    const n = this.counters.get(key) ?? 0;
    if (n >= times) return false;
    this.counters.set(key, n + 1);
    return true;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(url.searchParams);
    const path = url.pathname;
    this.received.push({ method: req.method ?? 'GET', path, query });
    const send = (code: number, body: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method: req.method ?? 'GET', path, query, status: code });
      const text = JSON.stringify(body);
      res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    };
    const faults = this.options.faults ?? {};

    if (this.options.token !== undefined && req.headers.authorization !== `Bearer ${this.options.token}`) {
      return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    }
    for (const r of faults.reset ?? []) {
      if (r.path === path && this.fire(`reset ${path}`, r.times)) {
        this.requests.push({ method: req.method ?? 'GET', path, query, status: 0 });
        req.socket.destroy();
        return;
      }
    }
    for (const s of faults.slow ?? []) if (s.path === path && this.fire(`slow ${path}`, s.times)) await sleep(s.delayMs);
    if (res.destroyed) return;
    for (const f of faults.fail ?? []) {
      if (f.path === path && this.fire(`fail ${path}`, f.times)) {
        return send(
          f.status,
          status(f.status, f.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'the server is currently unable to handle the request'),
          f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {},
        );
      }
    }

    if (req.method === 'PATCH') return this.patch(req, path, query, send);
    if (req.method !== 'GET') return send(405, status(405, 'MethodNotAllowed', 'method not allowed'));

    if (path === '/version')
      return send(200, {
        major: '1',
        minor: (this.options.gitVersion ?? 'v1.32.2').split('.')[1]!,
        gitVersion: this.options.gitVersion ?? 'v1.32.2',
        platform: 'linux/amd64',
      });
    const discovery = this.discovery(path);
    if (discovery) return send(200, discovery);

    // /api/v1/namespaces[/name]
    let m = /^\/api\/v1\/namespaces(?:\/([^/]+))?$/.exec(path);
    if (m) {
      if (m[1] === undefined) {
        if (this.isForbidden('', 'namespaces'))
          return send(
            403,
            status(403, 'Forbidden', 'namespaces is forbidden: User "auditor" cannot list resource "namespaces" in API group "" at the cluster scope', {
              details: { kind: 'namespaces' },
            }),
          );
        const names = this.model.namespaceNames();
        return this.page(path, query, names.length, (a, b) => names.slice(a, b).map((n) => this.model.namespace(n)!), 'NamespaceList', 'v1', send);
      }
      const name = decodeURIComponent(m[1]);
      if (this.isForbidden(name, 'namespaces'))
        return send(
          403,
          status(
            403,
            'Forbidden',
            `namespaces "${name}" is forbidden: User "auditor" cannot get resource "namespaces" in API group "" in the namespace "${name}"`,
            { details: { name, kind: 'namespaces' } },
          ),
        );
      const ns = this.model.namespace(name);
      if (!ns) return send(404, status(404, 'NotFound', `namespaces "${name}" not found`, { details: { name, kind: 'namespaces' } }));
      return send(200, ns);
    }
    // Namespaced collections: /api/v1/namespaces/{ns}/{resource}, /apis/{g}/{v}/namespaces/{ns}/{resource}
    m = /^\/(?:api\/v1|apis\/([^/]+\/[^/]+))\/namespaces\/([^/]+)\/([^/]+)$/.exec(path);
    if (m) {
      const apiVersion = m[1] ?? 'v1';
      const ns = decodeURIComponent(m[2]!);
      const r = RESOURCES.find((x) => x.resource === m![3] && x.apiVersion === apiVersion);
      if (!r) return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      if (this.isForbidden(ns, r.resource)) {
        const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
        return send(
          403,
          status(
            403,
            'Forbidden',
            `${r.resource} is forbidden: User "auditor" cannot list resource "${r.resource}" in API group "${group}" in the namespace "${ns}"`,
            { details: { kind: r.resource } },
          ),
        );
      }
      return this.page(path, query, this.model.count(ns, r.resource), (a, b) => this.model.slice(ns, r.resource, a, b), `${r.kind}List`, r.apiVersion, send);
    }
    // Cluster-wide collections (kubectl get -A): /api/v1/pods, /apis/apps/v1/deployments
    m = /^\/(?:api\/v1|apis\/([^/]+\/[^/]+))\/([^/]+)$/.exec(path);
    if (m) {
      const apiVersion = m[1] ?? 'v1';
      const r = RESOURCES.find((x) => x.resource === m![2] && x.apiVersion === apiVersion);
      if (r) {
        const names = this.model.namespaceNames().filter((n) => !this.isForbidden(n, r.resource));
        const counts = names.map((n) => this.model.count(n, r.resource));
        const total = counts.reduce((a, b) => a + b, 0);
        const slice = (a: number, b: number) => {
          const out: KubeObject[] = [];
          let base = 0;
          names.forEach((n, i) => {
            const c = counts[i]!;
            const lo = Math.max(a - base, 0);
            const hi = Math.min(b - base, c);
            if (lo < hi) out.push(...this.model.slice(n, r.resource, lo, hi));
            base += c;
          });
          return out;
        };
        return this.page(path, query, total, slice, `${r.kind}List`, r.apiVersion, send);
      }
    }
    return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
  }

  private isForbidden(namespace: string, resource: string): boolean {
    return (this.options.faults?.forbidden ?? []).some(
      (f) => (f.namespace === '*' || f.namespace === namespace) && (f.resource === '*' || f.resource === resource),
    );
  }

  private page(
    path: string,
    query: Record<string, string>,
    total: number,
    slice: (from: number, to: number) => KubeObject[],
    kind: string,
    apiVersion: string,
    send: (code: number, body: unknown) => void,
  ): void {
    const limit = query['limit'] ? Number(query['limit']) : 0;
    let offset = 0;
    if (query['continue']) {
      const token = decodeToken(query['continue']);
      if (!token) return send(400, status(400, 'BadRequest', 'continue key is not valid: illegal base64 data'));
      if ((this.options.faults?.expireContinueOnce ?? []).includes(path) && !this.expired.has(path)) {
        this.expired.add(path);
        this.snapshot++;
        return send(
          410,
          status(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
            {
              metadata: { continue: encodeToken(token.o, this.snapshot) },
            },
          ),
        );
      }
      offset = token.o;
    }
    const end = limit > 0 ? Math.min(total, offset + limit) : total;
    // The real API server sends list items without kind and apiVersion.
    const items = slice(offset, end).map((o) => {
      const { kind: _k, apiVersion: _a, ...rest } = o;
      return rest;
    });
    const metadata: Record<string, unknown> = { resourceVersion: String(1000 + this.snapshot) };
    if (end < total) {
      metadata['continue'] = encodeToken(end, this.snapshot);
      metadata['remainingItemCount'] = total - end;
    }
    send(200, { kind, apiVersion, metadata, items });
  }

  private async patch(req: http.IncomingMessage, path: string, query: Record<string, string>, send: (code: number, body: unknown) => void): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /^\/apis\/wgpolicyk8s\.io\/v1alpha2\/(?:namespaces\/([^/]+)\/policyreports|clusterpolicyreports)\/([^/]+)$/.exec(path);
    if (!m || !this.options.policyReports) return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const contentType = String(req.headers['content-type'] ?? '');
    if (contentType !== 'application/apply-patch+yaml')
      return send(
        415,
        status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml`),
      );
    if (!query['fieldManager']) return send(422, status(422, 'Invalid', 'fieldManager is required for apply requests'));
    const body = JSON.parse(Buffer.concat(chunks).toString()) as unknown;
    this.applied.set(path, { contentType, body, query });
    send(200, body);
  }

  /** The discovery documents kubectl reads to map `deploy` to apps/v1 deployments (legacy discovery). */
  private discovery(path: string): unknown {
    const resource = (
      r: (typeof RESOURCES)[number],
    ): { name: string; singularName: string; namespaced: boolean; kind: string; verbs: string[]; shortNames: string[] } => ({
      name: r.resource,
      singularName: r.kind.toLowerCase(),
      namespaced: true,
      kind: r.kind,
      verbs: ['get', 'list', 'watch'],
      shortNames: [...r.short],
    });
    if (path === '/api')
      return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${this.port}` }] };
    if (path === '/apis') {
      const group = (name: string) => ({
        name,
        versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
        preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
      });
      return { kind: 'APIGroupList', apiVersion: 'v1', groups: [group('apps'), group('batch')] };
    }
    const gv = path === '/api/v1' ? 'v1' : /^\/apis\/(apps\/v1|batch\/v1)$/.exec(path)?.[1];
    if (!gv) return undefined;
    const resources: ReturnType<typeof resource>[] = RESOURCES.filter((r) => r.apiVersion === gv).map(resource);
    if (gv === 'v1')
      resources.push({
        name: 'namespaces',
        singularName: 'namespace',
        namespaced: false,
        kind: 'Namespace',
        verbs: ['get', 'list', 'watch'],
        shortNames: ['ns'],
      });
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources };
  }
}
