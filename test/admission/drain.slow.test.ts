// Shutting down without losing requests on keep-alive connections. The API server keeps its
// connections to a webhook open and sends the next request on the same socket; an answer that
// says `Connection: keep-alive` while the server is closing invites a request onto a socket
// that is about to close, and that POST meets ECONNRESET (it is not retried). Before the fix,
// 10 of 10 connections lost their next request this way.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import https from 'node:https';
import { after, before, describe, test } from 'node:test';
import { loadCertificatePair } from '../../src/admission/server/certificate-files';
import { failureVerdict } from '../../src/admission/server/failure-policy';
import { SILENT } from '../../src/admission/server/logger';
import { AdmissionMetrics } from '../../src/admission/server/metrics';
import { WebhookServer } from '../../src/admission/server/server';
import { BIN } from '../support/cli';
import { baselinePod, LABEL, namespaceObject, podCreate } from './fixtures';
import { makeCertDir, request, writeClusterFile, type CertDir } from './support';
import { tempDir } from '../support/temp-dir';

const CONNECTIONS = 10;

describe('draining on keep-alive connections', () => {
  let certs: CertDir;
  before(() => {
    certs = makeCertDir();
  });

  test('requests in flight when shutdown starts are answered with Connection: close; no next request is reset', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived = 0;
    const server = new WebhookServer({
      host: '127.0.0.1',
      port: 0,
      certificate: loadCertificatePair(certs.certFile, certs.keyFile),
      validate: async () => {
        arrived++;
        await gate;
        return { verdict: { allowed: true }, events: [] };
      },
      mutate: () => Promise.reject(new Error('unused')),
      onFailure: failureVerdict,
      metrics: new AdmissionMetrics(false),
      logger: SILENT,
      ready: () => true,
    });
    const { port } = await server.listen();
    const agent = new https.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const ca = certs.ca.cert;
    const body = JSON.stringify(podCreate(baselinePod('web')));
    try {
      // One request in flight on each of ten keep-alive connections.
      const first = Array.from({ length: CONNECTIONS }, () => request(port, ca, '/validate', body, { agent }));
      while (arrived < CONNECTIONS) await new Promise((r) => setTimeout(r, 10));
      const stopped = server.shutdownStart(0).then(() => server.shutdown(5000));
      await new Promise((r) => setTimeout(r, 50));
      release();
      const answers = await Promise.all(first);
      assert.deepEqual(
        answers.map((a) => [a.status, a.headers['connection']]),
        Array.from({ length: CONNECTIONS }, () => [200, 'close']),
      );
      // What the API server does next: send its next request through the same agent. It must not
      // go out on a closing socket (ECONNRESET); a refused new connection is the safe failure
      // that makes a client pick another replica.
      const next = await Promise.allSettled(Array.from({ length: CONNECTIONS }, () => request(port, ca, '/validate', body, { agent })));
      const resets = next.filter((r) => r.status === 'rejected' && /ECONNRESET|socket hang up/.test(String((r as PromiseRejectedResult).reason)));
      assert.equal(resets.length, 0, `${resets.length} of ${CONNECTIONS} connections lost a request to a reset`);
      for (const r of next) if (r.status === 'rejected') assert.match(String(r.reason), /ECONNREFUSED/);
      assert.deepEqual(await stopped, { cut: false });
    } finally {
      release();
      agent.destroy();
      await server.shutdown(100);
    }
  });
});

describe('podguard serve: the default shutdown delay', () => {
  const tmp = tempDir('podguard-drain-');
  let child: ReturnType<typeof spawn> | undefined;
  after(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  test('on SIGTERM with no --shutdown-delay, it keeps answering (readyz 503) for 5 s before it stops', async () => {
    const certs = makeCertDir();
    const nsFile = writeClusterFile(tmp, [namespaceObject('team-a', { [LABEL.enforce]: 'baseline' })], 'ns.yaml');
    const proc = spawn(
      process.execPath,
      [BIN, 'serve', '--listen', '127.0.0.1:0', '--tls-cert', certs.certFile, '--tls-key', certs.keyFile, '--namespaces', nsFile],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = proc;
    const port = await new Promise<number>((resolve, reject) => {
      let buffered = '';
      proc.stderr!.on('data', (c: Buffer) => {
        buffered += c.toString();
        const m = /"address":"[^"]*:(\d+)"/.exec(buffered);
        if (m) resolve(Number(m[1]));
      });
      proc.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${buffered}`)));
    });
    const ca = certs.ca.cert;
    assert.equal((await request(port, ca, '/readyz', undefined, { agent: false })).status, 200);
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    const signalled = Date.now();
    proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    const during = await request(port, ca, '/readyz', undefined, { agent: false });
    assert.equal(during.status, 503);
    assert.equal(during.headers['connection'], 'close');
    const review = await request(port, ca, '/validate', JSON.stringify(podCreate(baselinePod('web'))), { agent: false });
    assert.equal(review.status, 200, 'admission requests are still answered during the delay');
    assert.equal(await exited, 0);
    const waited = Date.now() - signalled;
    assert.ok(waited >= 4900 && waited < 15_000, `stopped after ${waited} ms`);
  });
});
