// A private certificate authority and a serving certificate for the webhook's Service name (and
// 127.0.0.1 / localhost, so the same files work on a laptop). Keys come from node:crypto (fast,
// native); node-forge builds and signs the X.509 certificates, which node:crypto cannot.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface Pem {
  readonly cert: string;
  readonly key: string;
}

export interface IssueOptions {
  /** The DNS name the API server dials: `<service>.<namespace>.svc`. */
  readonly name: string;
  /** More DNS names or IP addresses for the certificate. */
  readonly extraNames?: readonly string[];
  readonly days: number;
  readonly now?: Date;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const DNS_NAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `name` cannot go in a certificate, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (IPV4.test(name) || name === '::1') return undefined;
  if (name.length > 253 || !DNS_NAME.test(name))
    return `${JSON.stringify(name)} is not a DNS name (lower case letters, digits, '-' and '.') or an IPv4 address`;
  return undefined;
}

function newKeyPair(): { forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem: privateKey };
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0]! &= 0x7f; // positive
  return bytes.toString('hex');
}

function validity(cert: forge.pki.Certificate, days: number, now: Date): void {
  cert.validity.notBefore = new Date(now.getTime() - 5 * 60_000); // tolerate clock skew
  cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
}

export function createCa(days: number, now = new Date()): Pem {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  validity(cert, days, now);
  const subject = [{ name: 'commonName', value: `podguard webhook CA ${now.toISOString().slice(0, 10)}` }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.forgeKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n'), key: keys.pem };
}

/** A serving certificate for `name`, 127.0.0.1 and localhost, signed by `ca`. */
export function issueServingCertificate(ca: Pem, o: IssueOptions): Pem {
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const caKey = forge.pki.privateKeyFromPem(ca.key);
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  validity(cert, o.days, o.now ?? new Date());
  cert.setSubject([{ name: 'commonName', value: o.name }]);
  cert.setIssuer(caCert.subject.attributes);
  const names = [...new Set([o.name, ...(o.extraNames ?? []), 'localhost', '127.0.0.1'])];
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: names.map((n) => (IPV4.test(n) || n === '::1' ? { type: 7, ip: n } : { type: 2, value: n })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n'), key: keys.pem };
}

/** The caBundle field of a webhook configuration: the CA certificate's PEM, base64-encoded. */
export function caBundle(caCertPem: string): string {
  return Buffer.from(caCertPem).toString('base64');
}
