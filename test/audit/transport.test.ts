// The audit's HTTP transport against real local servers: plain HTTP as kubectl speaks it
// (`kubectl proxy`), and response bodies bounded while they stream in.

import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { clientTransport, connect, ResponseTooLargeError, type ApiResponse } from '../../src/kube/client';
import { FakeApiServer, StaticCluster } from './fake-apiserver';
import { namespace, pod, PRIVILEGED_SPEC } from './fixtures';
import { podguardAsync, tempDir, writeFile } from './support';

/** A kubeconfig naming an http:// server, without insecure-skip-tls-verify (as `kubectl proxy` users write it). */
function plainKubeconfig(server: string, token?: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'current-context: proxy',
    'clusters:',
    '- name: proxy',
    `  cluster: {server: "${server}"}`,
    'users:',
    token === undefined ? '- name: me\n  user: {}' : `- name: me\n  user: {token: ${token}}`,
    'contexts:',
    '- name: proxy',
    '  context: {cluster: proxy, user: me}',
    '',
  ].join('\n');
}

describe('plain HTTP (kubectl proxy)', () => {
  const fake = new FakeApiServer(new StaticCluster([namespace('shop'), pod('shop', 'web', PRIVILEGED_SPEC)]), { token: 'sesame' });
  let dir: string;
  before(async () => {
    await fake.start();
    dir = tempDir('podguard-http-');
  });
  after(() => fake.stop());

  test('an http:// server without insecure-skip-tls-verify is audited, with the credentials kubectl would send', async () => {
    // Before: "cannot authenticate to http://…: HTTP protocol is not allowed when skipTLSVerify is not set or false".
    const kubeconfig = writeFile(dir, 'kubeconfig', plainKubeconfig(fake.url, 'sesame'));
    const run = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-o', 'json']);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0, run.stdout.slice(0, 400));
    const doc = JSON.parse(run.stdout) as { namespaces: { name: string }[] };
    assert.deepEqual(
      doc.namespaces.map((n) => n.name),
      ['shop'],
    );
    assert.ok(fake.requests.some((r) => r.path === '/api/v1/namespaces/shop/pods' && r.status === 200));
  });

  test('the transport speaks HTTP/1.1 in the clear to the http:// server', async () => {
    const conn = connect({ kubeconfig: writeFile(dir, 'kc2', plainKubeconfig(fake.url, 'sesame')) });
    const res = await clientTransport(conn).send({ method: 'GET', path: '/version', timeoutMs: 5000 });
    assert.equal(res.status, 200);
    assert.match(res.body, /gitVersion/);
  });
});

describe('response bodies are bounded', () => {
  let server: http.Server;
  let url = '';
  const MiB = 1024 * 1024;
  let dir: string;
  before(async () => {
    server = http.createServer((req, res) => {
      const big = Buffer.alloc(3 * MiB, 0x20);
      if (req.url!.startsWith('/declared')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': big.length });
        res.end(big);
      } else if (req.url!.startsWith('/chunked')) {
        // No Content-Length: the size is only known by reading; write it in 64 KiB pieces.
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 48; i++) res.write(big.subarray(i * 65536, (i + 1) * 65536));
        res.end();
      } else if (req.url!.startsWith('/gzip-bomb')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync(Buffer.alloc(50 * MiB, 0x20))); // ~50 KiB on the wire
      } else if (req.url!.startsWith('/gzip-small')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync(Buffer.from('{"kind":"Status","ok":true}')));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"small":true}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = tempDir('podguard-limit-');
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const transport = (maxResponseBytes: number) => clientTransport(connect({ kubeconfig: writeFile(dir, 'kc', plainKubeconfig(url)) }), { maxResponseBytes });
  const tooLarge = (path: string) => (e: unknown) =>
    e instanceof ResponseTooLargeError && e.message.includes(`GET ${path}`) && e.message.includes('larger than 1Mi (--max-response-size)');

  test('a declared, a streamed and a decompressed body past the limit each fail naming the request and the limit', async () => {
    const t = transport(MiB);
    for (const path of ['/declared', '/chunked', '/gzip-bomb']) {
      await assert.rejects(t.send({ method: 'GET', path, timeoutMs: 10_000 }), tooLarge(path), path);
    }
  });

  test('bodies within the limit are read whole, gzip decoded', async () => {
    const t = transport(MiB);
    const small: ApiResponse = await t.send({ method: 'GET', path: '/small', timeoutMs: 5000 });
    assert.equal(small.body, '{"small":true}');
    const gz = await t.send({ method: 'GET', path: '/gzip-small', timeoutMs: 5000 });
    assert.deepEqual(JSON.parse(gz.body), { kind: 'Status', ok: true });
    const raised = await transport(4 * MiB).send({ method: 'GET', path: '/chunked', timeoutMs: 10_000 });
    assert.equal(raised.body.length, 3 * MiB);
  });

  test('podguard audit reports the oversized list by name and limit, and goes on', async () => {
    const fake = new FakeApiServer(new StaticCluster([namespace('big'), ...Array.from({ length: 40 }, (_, i) => pod('big', `p${i}`, PRIVILEGED_SPEC))]));
    await fake.start();
    try {
      const kubeconfig = writeFile(dir, 'kc-big', plainKubeconfig(fake.url));
      const run = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '--max-response-size', '8Ki', '-o', 'json']);
      assert.equal(run.code, 2);
      const doc = JSON.parse(run.stdout) as { namespaces: { name: string; errors: { namespace?: string; resource?: string; message: string }[] }[] };
      const errors = doc.namespaces.flatMap((n) => n.errors);
      const e = errors.find((x) => x.resource === 'pods');
      assert.ok(e, JSON.stringify(errors));
      assert.equal(e.namespace, 'big');
      assert.match(e.message, /answer to GET \/api\/v1\/namespaces\/big\/pods is larger than 8Ki \(--max-response-size\)/);
      const bad = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '--max-response-size', '8KB']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--max-response-size must be a whole number of bytes/);
    } finally {
      await fake.stop();
    }
  });
});
