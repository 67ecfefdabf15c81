// The baseline for `npm run bench:webhook`: a bare Node.js HTTPS server with the same
// certificate that reads each request body and answers one fixed AdmissionReview. Whatever
// podguard costs beyond this is its own work. Prints its port on stdout.

import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

const [certFile, keyFile] = process.argv.slice(2);
const answer = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: '00000000-0000-4000-8000-000000000000', allowed: true } });
const server = https.createServer({ cert: fs.readFileSync(certFile!), key: fs.readFileSync(keyFile!) }, (req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
