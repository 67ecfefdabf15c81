// Test support for the webhook: certificates in a temporary directory, the webhook started in
// this process on 127.0.0.1, and an HTTPS client that trusts only the test CA.

import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { createCa, issueServingCertificate, type Pem } from '../../src/certs/issue';
import type { KubeObject } from '../../src/k8s/types';
import { SILENT, type Logger } from '../../src/admission/server/logger';
import { AdmissionMetrics } from '../../src/admission/server/metrics';
import { UPSTREAM_NAMESPACE_LIMITS } from '../../src/admission/decision/namespace-pods';
import { DEFAULT_POD_SECURITY_CONFIG } from '../../src/psa/pod-security-configuration';
import type { WebhookSettings } from '../../src/admission/decision/settings';
import { startWebhook, type RunningWebhook, type StartOptions } from '../../src/admission/server/start';
import { writeFileAtomic } from '../../src/io/atomic-write';
import { tempDir } from '../support/temp-dir';

export interface CertDir {
  readonly dir: string;
  readonly ca: Pem;
  readonly certFile: string;
  readonly keyFile: string;
  /** Issues a new serving certificate from the same CA and writes it over the files (key first). */
  rotate(): Pem;
}

export function makeCertDir(prefix = 'podguard-webhook-'): CertDir {
  const dir = tempDir(prefix);
  const ca = createCa(1);
  const certFile = path.join(dir, 'tls.crt');
  const keyFile = path.join(dir, 'tls.key');
  const write = (pem: Pem) => {
    writeFileAtomic(keyFile, pem.key, { mode: 0o600 });
    writeFileAtomic(certFile, pem.cert, { mode: 0o644 });
  };
  write(issueServingCertificate(ca, { name: 'podguard.podguard.svc', days: 1 }));
  fs.writeFileSync(path.join(dir, 'ca.crt'), ca.cert);
  return {
    dir,
    ca,
    certFile,
    keyFile,
    rotate() {
      const pem = issueServingCertificate(ca, { name: 'podguard.podguard.svc', days: 1 });
      write(pem);
      return pem;
    },
  };
}

export function settings(extra: Partial<WebhookSettings> = {}): WebhookSettings {
  return { podSecurity: DEFAULT_POD_SECURITY_CONFIG, denyWorkloads: false, mutate: false, namespaceLimits: UPSTREAM_NAMESPACE_LIMITS, ...extra };
}

/** Writes objects as a `kubectl get -o yaml`-style List in JSON (YAML is a superset). */
export function writeClusterFile(dir: string, objects: readonly KubeObject[], name = 'cluster.yaml'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } }, null, 1));
  return file;
}

export async function startTestWebhook(certs: CertDir, o: Partial<StartOptions> = {}): Promise<RunningWebhook> {
  return startWebhook({
    host: '127.0.0.1',
    port: 0,
    certFile: certs.certFile,
    keyFile: certs.keyFile,
    cluster: { kind: 'file' },
    settings: settings(),
    logger: SILENT as Logger,
    reloadIntervalMs: 0,
    metrics: new AdmissionMetrics(false),
    ...o,
  });
}

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  readonly method?: string;
  readonly headers?: Record<string, string | number>;
  readonly agent?: https.Agent | false;
}

export function request(port: number, ca: string, pathAndQuery: string, body?: string | Buffer, o: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        path: pathAndQuery,
        method: o.method ?? (body === undefined ? 'GET' : 'POST'),
        ca,
        servername: 'localhost',
        agent: o.agent,
        headers: { ...(body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}), ...o.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export interface ReviewReply {
  readonly apiVersion: string;
  readonly kind: string;
  readonly response: {
    uid: string;
    allowed: boolean;
    status?: { message: string; code: number; reason: string };
    warnings?: string[];
    auditAnnotations?: Record<string, string>;
    patch?: string;
    patchType?: string;
  };
}

/** POSTs an AdmissionReview and returns the parsed review, failing on anything but HTTP 200. */
export async function admit(port: number, ca: string, body: unknown, webhook = '/validate?timeout=10s', agent?: https.Agent): Promise<ReviewReply> {
  const reply = await request(port, ca, webhook, JSON.stringify(body), agent ? { agent } : {});
  if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.text}`);
  return reply.json<ReviewReply>();
}
