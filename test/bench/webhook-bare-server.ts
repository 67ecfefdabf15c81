// The baselines for `npm run bench:webhook`, one Node.js HTTPS server with the same certificate
// in two modes. Prints its port on stdout.
//
// - `bare`: reads each request body and answers one fixed AdmissionReview. Whatever podguard
//   costs beyond this is its own work, transport included.
// - `minimal`: the smallest correct webhook: JSON.parses the AdmissionReview and answers allowed
//   with its uid (the API server refuses an answer whose uid is not the request's). What podguard
//   costs beyond this is the decision and what surrounds it (metrics, logs, checks of the envelope).

import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

const [certFile, keyFile, mode = 'bare'] = process.argv.slice(2);
if (mode !== 'bare' && mode !== 'minimal') throw new Error(`unknown mode ${mode}: bare or minimal`);
const fixed = JSON.stringify({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  response: { uid: '00000000-0000-4000-8000-000000000000', allowed: true },
});

function answer(body: string): string {
  if (mode === 'bare') return fixed;
  const review = JSON.parse(body) as { request: { uid: string } };
  return JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: review.request.uid, allowed: true } });
}

const server = https.createServer({ cert: fs.readFileSync(certFile!), key: fs.readFileSync(keyFile!) }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const out = answer(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(out) });
    res.end(out);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
