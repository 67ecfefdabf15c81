// `podguard certs` and `podguard serve` as processes: files written only when asked, usage and
// configuration errors as one line with exit 2, the namespaces file re-read while serving, and a
// SIGTERM that lets a request in flight finish before the process exits 0.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { BIN, podguard } from '../support/cli';
import { LABEL, namespaceObject, podCreate, baselinePod } from './fixtures';
import { admit, writeClusterFile } from './support';
import { tempDir } from '../support/temp-dir';

const tmp = tempDir('podguard-serve-cli-');
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('podguard certs', () => {
  const out = path.join(tmp, 'certs');

  test('writes a CA and a serving certificate for the name, 127.0.0.1 and localhost, and prints the caBundle', () => {
    const r = podguard(['certs', '--out', out, '--name', 'podguard.podguard.svc', '--san', 'podguard.example.com']);
    assert.equal(r.code, 0, r.stderr);
    const caPem = fs.readFileSync(path.join(out, 'ca.crt'), 'utf8');
    assert.equal(Buffer.from(r.stdout.trim(), 'base64').toString(), caPem);
    const leaf = new X509Certificate(fs.readFileSync(path.join(out, 'tls.crt')));
    assert.equal(leaf.subjectAltName, 'DNS:podguard.podguard.svc, DNS:podguard.example.com, DNS:localhost, IP Address:127.0.0.1');
    assert.ok(leaf.verify(new X509Certificate(caPem).publicKey));
    assert.equal(fs.statSync(path.join(out, 'tls.key')).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.join(out, 'ca.key')).mode & 0o777, 0o600);
  });

  test('refuses to overwrite existing files (exit 2, files unchanged); --renew keeps the CA', () => {
    const before = fs.readFileSync(path.join(out, 'tls.crt'), 'utf8');
    const again = podguard(['certs', '--out', out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /^podguard: .*already exist: use --renew .* or --force/);
    assert.equal(fs.readFileSync(path.join(out, 'tls.crt'), 'utf8'), before);
    const ca = fs.readFileSync(path.join(out, 'ca.crt'), 'utf8');
    const renewed = podguard(['certs', '--out', out, '--renew']);
    assert.equal(renewed.code, 0, renewed.stderr);
    assert.equal(fs.readFileSync(path.join(out, 'ca.crt'), 'utf8'), ca);
    assert.notEqual(fs.readFileSync(path.join(out, 'tls.crt'), 'utf8'), before);
    assert.equal(Buffer.from(renewed.stdout.trim(), 'base64').toString(), ca);
  });

  test('usage errors are one line, exit 2', () => {
    for (const args of [
      ['certs'],
      ['certs', '--out', tmp, '--name', 'Not_A_Name'],
      ['certs', '--out', tmp, '--days', '0'],
      ['certs', '--out', path.join(tmp, 'x'), '--renew'],
    ]) {
      const r = podguard(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length <= 2, true, r.stderr);
      assert.doesNotMatch(r.stderr, /\n[ \t]+at /);
    }
  });
});

describe('podguard serve: refusing to start', () => {
  const certs = path.join(tmp, 'certs');
  const tlsArgs = () => ['--tls-cert', path.join(certs, 'tls.crt'), '--tls-key', path.join(certs, 'tls.key')];

  test('missing certificate options, a missing file, or a bad option: one line, exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['serve'], /--tls-cert FILE and --tls-key FILE are required/],
      [
        ['serve', '--tls-cert', path.join(tmp, 'none.crt'), '--tls-key', path.join(tmp, 'none.key')],
        /cannot read the TLS certificate .*none\.crt: no such file/,
      ],
      [['serve', ...tlsArgs(), '--listen', 'localhost'], /--listen must be HOST:PORT/],
      [['serve', ...tlsArgs(), '--namespaces', 'a', '--in-cluster'], /at most one of --namespaces, --kubeconfig and --in-cluster/],
      [['serve', ...tlsArgs(), '--policy-deny', 'severe'], /unknown severity for --policy-deny "severe"/],
      [['serve', ...tlsArgs(), '--reload-interval', '10'], /--reload-interval must be a duration/],
      [['serve', ...tlsArgs(), '--workers', '0'], /--workers must be a whole number from 1 to 64, or auto/],
      [
        ['serve', '--tls-cert', path.join(tmp, 'none.crt'), '--tls-key', path.join(tmp, 'none.key'), '--workers', '2'],
        /cannot read the TLS certificate .*none\.crt: no such file/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = podguard(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n[ \t]+at /);
    }
  });

  test('a broken PodSecurityConfiguration or namespaces file names the file and line', () => {
    const psa = path.join(tmp, 'psa.yaml');
    fs.writeFileSync(psa, 'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: strict\n');
    const r = podguard(['serve', ...tlsArgs(), '--config', psa]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /psa\.yaml:4: defaults\.enforce: .*strict/);
    const ns = path.join(tmp, 'ns.yaml');
    fs.writeFileSync(ns, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\nkind: Namespace\n  bad: [\n');
    const n = podguard(['serve', ...tlsArgs(), '--namespaces', ns]);
    assert.equal(n.code, 2);
    assert.match(n.stderr, /ns\.yaml:\d+: invalid YAML/);
  });
});

/** Starts `podguard serve` on a free port and resolves once it logs that it is serving. */
function startServe(args: string[], servingLines = 1): Promise<{ child: ChildProcess; port: number; logs: () => string[] }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  let buffered = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const entry = JSON.parse(line) as { msg: string; address?: string };
        if (entry.msg === 'serving' && --servingLines === 0) resolve({ child, port: Number(entry.address!.split(':').pop()), logs: () => lines });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${lines.join('\n')}${buffered}`)));
  });
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('podguard serve: running', () => {
  test('re-reads the namespaces file, and drains a request in flight on SIGTERM before exiting 0', async () => {
    const certs = path.join(tmp, 'certs');
    const ca = fs.readFileSync(path.join(certs, 'ca.crt'), 'utf8');
    const nsFile = writeClusterFile(tmp, [namespaceObject('team-a', { [LABEL.enforce]: 'baseline' })], 'serve-ns.yaml');
    const { child, port, logs } = await startServe([
      '--tls-cert',
      path.join(certs, 'tls.crt'),
      '--tls-key',
      path.join(certs, 'tls.key'),
      '--namespaces',
      nsFile,
      '--reload-interval',
      '100ms',
      '--shutdown-timeout',
      '10s',
      '--preset',
      'pss',
    ]);

    const body = podCreate(baselinePod('web'));
    assert.equal((await admit(port, ca, body)).response.allowed, true);
    writeClusterFile(tmp, [namespaceObject('team-a', { [LABEL.enforce]: 'restricted' })], 'serve-ns.yaml');
    await waitFor('the new labels to apply', async () => !(await admit(port, ca, body)).response.allowed);
    assert.ok(logs().some((l) => l.includes('"namespaces file reloaded"')));

    // A request whose body arrives slowly is in flight when SIGTERM comes.
    const text = JSON.stringify(body);
    const inFlight = new Promise<{ status: number; allowed: boolean }>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          path: '/validate',
          method: 'POST',
          ca,
          servername: 'localhost',
          agent: false,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
        },
        (res) => {
          let out = '';
          res.on('data', (c: Buffer) => (out += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, allowed: (JSON.parse(out) as { response: { allowed: boolean } }).response.allowed }));
        },
      );
      req.on('error', reject);
      req.write(text.slice(0, 100));
      setTimeout(() => req.end(text.slice(100)), 700);
    });
    await new Promise((r) => setTimeout(r, 200));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const answered = await inFlight;
    assert.deepEqual(answered, { status: 200, allowed: false });
    assert.equal(await exited, 0);
    assert.ok(
      logs().some((l) => l.includes('every request in flight was answered')),
      logs().join('\n'),
    );
    await assert.rejects(admit(port, ca, body), /ECONNREFUSED/);
  });

  test('--workers 2: both workers serve one port, /metrics adds them up, SIGTERM stops them all', async () => {
    const certs = path.join(tmp, 'certs');
    const ca = fs.readFileSync(path.join(certs, 'ca.crt'), 'utf8');
    const nsFile = writeClusterFile(tmp, [namespaceObject('team-a', { [LABEL.enforce]: 'restricted' })], 'workers-ns.yaml');
    const { child, port, logs } = await startServe(
      ['--tls-cert', path.join(certs, 'tls.crt'), '--tls-key', path.join(certs, 'tls.key'), '--namespaces', nsFile, '--workers', '2'],
      2,
    );
    const workers = new Set(
      logs()
        .map((l) => JSON.parse(l) as { msg: string; worker?: number })
        .filter((e) => e.msg === 'serving')
        .map((e) => e.worker),
    );
    assert.deepEqual([...workers].sort(), [1, 2]);
    const body = podCreate(baselinePod('web'));
    for (let i = 0; i < 20; i++) {
      // A new connection each time, so the primary spreads them over the workers.
      const r = await new Promise<number>((resolve, reject) => {
        const req = https.request(
          {
            host: '127.0.0.1',
            port,
            path: '/validate',
            method: 'POST',
            ca,
            servername: 'localhost',
            agent: false,
            headers: { 'Content-Type': 'application/json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode!));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(body));
      });
      assert.equal(r, 200);
    }
    const metrics = await new Promise<string>((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port, path: '/metrics', ca, servername: 'localhost', agent: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    assert.match(metrics, /^podguard_admission_requests_total\{webhook="validate",outcome="denied"\} 20$/m);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.equal(logs().filter((l) => l.includes('every request in flight was answered')).length, 2);
    await assert.rejects(admit(port, ca, body), /ECONNREFUSED/);
  });
});
