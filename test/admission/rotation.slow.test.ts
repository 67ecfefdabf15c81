// Certificates rotate under load and no request fails: concurrent clients, half on kept-alive
// connections and half opening a new TLS connection per request, while the serving certificate
// is replaced several times (and once by a broken pair, which is refused). New connections must
// see the new certificates; every request must get its AdmissionReview. Bounded: about 4 s.

import assert from 'node:assert/strict';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { test } from 'node:test';
import fs from 'node:fs';
import { createCa, issueServingCertificate } from '../../src/certs/issue';
import { LABEL, namespaceObject, podCreate, privilegedPod, restrictedPod } from './fixtures';
import { makeCertDir, startTestWebhook, writeClusterFile } from './support';

const DURATION_MS = 4000;
const WORKERS = 16;
const MAX_REQUESTS = 20_000;

test('zero failed requests while the serving certificate rotates under concurrent load', async () => {
  const certs = makeCertDir();
  const file = writeClusterFile(certs.dir, [namespaceObject('team-a', { [LABEL.enforce]: 'restricted' })]);
  const hook = await startTestWebhook(certs, { cluster: { kind: 'file', file }, reloadIntervalMs: 100 });
  const port = hook.address.port;
  const keepAlive = new https.Agent({ keepAlive: true, maxSockets: 8 });
  const bodies = [JSON.stringify(podCreate(restrictedPod('ok'))), JSON.stringify(podCreate(privilegedPod('root')))];
  const serials = new Set<string>();
  let ok = 0;
  const failures: string[] = [];
  let stop = false;

  const one = (i: number, fresh: boolean) =>
    new Promise<void>((resolve) => {
      const body = bodies[i % 2]!;
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          path: '/validate?timeout=10s',
          method: 'POST',
          ca: certs.ca.cert,
          servername: 'localhost',
          agent: fresh ? false : keepAlive,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          if (fresh) serials.add((res.socket as TLSSocket).getPeerCertificate().serialNumber);
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => {
            try {
              const allowed = (JSON.parse(text) as { response: { allowed: boolean } }).response.allowed;
              if (res.statusCode === 200 && allowed === (i % 2 === 0)) ok++;
              else failures.push(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
            } catch (e) {
              failures.push(`bad body: ${(e as Error).message}`);
            }
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        failures.push(`${fresh ? 'new' : 'kept-alive'} connection: ${e.message}`);
        resolve();
      });
      req.end(body);
    });

  const worker = async (w: number) => {
    for (let i = w; !stop && ok + failures.length < MAX_REQUESTS; i += WORKERS) await one(i, w % 2 === 0);
  };
  const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

  // Rotate every 400 ms; once, write a pair that does not match (refused, the old one kept).
  const stranger = issueServingCertificate(createCa(1), { name: 'podguard.podguard.svc', days: 1 });
  let rotations = 0;
  const started = Date.now();
  while (Date.now() - started < DURATION_MS) {
    await new Promise((r) => setTimeout(r, 400));
    if (rotations === 3) {
      fs.writeFileSync(certs.keyFile, stranger.key); // a key without its certificate: refused
      await new Promise((r) => setTimeout(r, 300));
    }
    certs.rotate();
    rotations++;
  }
  await new Promise((r) => setTimeout(r, 300));
  stop = true;
  await load;
  keepAlive.destroy();
  const metrics = await hook.metrics.registry.getSingleMetricAsString('podguard_tls_certificate_reloads_total');
  await hook.shutdown(0, 2000);

  assert.deepEqual(failures.slice(0, 5), [], `${failures.length} failed of ${ok + failures.length}`);
  assert.ok(ok >= 200, `only ${ok} requests in ${DURATION_MS} ms`);
  assert.ok(rotations >= 3, `only ${rotations} rotations`);
  assert.ok(serials.size >= rotations - 1, `new connections saw ${serials.size} certificates over ${rotations} rotations`);
  const reloads = Number(/result="success"\} (\d+)/.exec(metrics)?.[1] ?? 0);
  const refused = Number(/result="failure"\} (\d+)/.exec(metrics)?.[1] ?? 0);
  assert.ok(reloads >= rotations - 1, `${reloads} reloads for ${rotations} rotations`);
  assert.ok(refused >= 1, 'the mismatched pair must have been refused');
  console.log(
    `# rotation under load: ${ok} requests, 0 failed, ${rotations} rotations, ${serials.size} certificates seen, ${reloads} reloads, ${refused} refused`,
  );
});
