// The serving certificate and key, read from files and read again when they change. Kubernetes
// updates a mounted Secret by swapping a symlink, which file watchers miss, so the files are
// compared every interval (and on demand, e.g. on SIGHUP). A pair that does not load — a key
// written before its certificate, a key that does not match — is refused and the old pair kept;
// the next check tries again.

import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import tls from 'node:tls';
import { Poller } from './poller';

export interface CertificatePair {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** When the (first) certificate expires. */
  readonly notAfter: Date;
  readonly subjectAltName: string;
}

function read(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`cannot read the ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** Loads and checks a pair; throws an Error that names the file and the problem. */
export function loadCertificatePair(certFile: string, keyFile: string): CertificatePair {
  const cert = read(certFile, 'TLS certificate');
  const key = read(keyFile, 'TLS key');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new Error(`${certFile} does not hold a PEM certificate`);
  }
  try {
    tls.createSecureContext({ cert, key });
  } catch (e) {
    const message = (e as Error).message;
    if (/key values mismatch/.test(message)) throw new Error(`the key in ${keyFile} does not belong to the certificate in ${certFile}`);
    throw new Error(`${keyFile} does not hold a usable private key for ${certFile} (${message.replace(/^error:[0-9A-F]+:/, '')})`);
  }
  return { cert, key, notAfter: new Date(x509.validTo), subjectAltName: x509.subjectAltName ?? '' };
}

export class CertificateWatcher {
  private current: CertificatePair;
  readonly poller = new Poller(() => this.check());

  constructor(
    private readonly certFile: string,
    private readonly keyFile: string,
    private readonly onChange: (pair: CertificatePair) => void,
    private readonly onError: (error: Error) => void,
  ) {
    this.current = loadCertificatePair(certFile, keyFile);
  }

  get pair(): CertificatePair {
    return this.current;
  }

  /** Reloads when the files differ from the pair in use. Returns true when a new pair was taken. */
  check(): boolean {
    let cert: Buffer;
    let key: Buffer;
    try {
      cert = fs.readFileSync(this.certFile);
      key = fs.readFileSync(this.keyFile);
    } catch (e) {
      this.onError(new Error(`cannot read the TLS files (${(e as Error).message}); still serving the previous certificate`));
      return false;
    }
    if (cert.equals(this.current.cert) && key.equals(this.current.key)) return false;
    let pair: CertificatePair;
    try {
      pair = loadCertificatePair(this.certFile, this.keyFile);
    } catch (e) {
      this.onError(new Error(`${(e as Error).message}; still serving the previous certificate`));
      return false;
    }
    this.current = pair;
    this.onChange(pair);
    return true;
  }
}
