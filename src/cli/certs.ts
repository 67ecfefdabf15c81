// `podguard certs`: a CA and a serving certificate for the webhook, and the caBundle to put in
// its webhook configurations.

import fs from 'node:fs';
import path from 'node:path';
import { caBundle, createCa, issueServingCertificate, nameProblem, type Pem } from '../certs/issue';
import { writeFileAtomic } from '../io/atomic-write';

interface FileToWrite {
  readonly file: string;
  readonly content: string;
  /** Permission bits, e.g. 0o600 for private keys. */
  readonly mode: number;
}
import type { Command } from './command';
import { parseCommandArgs } from './options';
import { UsageError } from './usage-error';

export const CERTS_HELP = `Usage: podguard certs --out DIR [--name NAME] [options]

Create a private certificate authority and a serving certificate for "podguard serve", and print
the caBundle for the Validating- and MutatingWebhookConfiguration. The serving certificate is for
NAME (the name the API server dials: <service>.<namespace>.svc) and also for 127.0.0.1 and
localhost, so the same files work for a local "podguard serve".

Files written in DIR (created if missing; private keys with mode 0600):
  ca.crt  ca.key      the certificate authority (ca.key stays with you: it renews tls.crt)
  tls.crt tls.key     the serving certificate and key, for --tls-cert and --tls-key

Options:
  -o, --out DIR        where to write the files (required)
  -n, --name NAME      DNS name of the webhook Service            (default: podguard.podguard.svc)
      --san NAME       another DNS name or IPv4 address for tls.crt (repeatable)
      --days N         validity of tls.crt in days                   (default: 365; the CA: 3650)
      --renew          keep ca.crt and ca.key from DIR and issue a new tls.crt and tls.key:
                       the caBundle does not change, and a running "podguard serve" picks the
                       new files up without dropping connections
      --force          replace existing files (otherwise podguard refuses to overwrite them)
  -h, --help           show this help

Output: the caBundle (base64 of ca.crt) on stdout, one line; what was written on stderr.

Exit codes:
  0  files written
  2  usage error, or files exist (use --renew or --force)

Examples:
  podguard certs --out certs --name podguard.podguard.svc
  kubectl -n podguard create secret tls podguard-tls --cert certs/tls.crt --key certs/tls.key
  podguard certs --out certs --name podguard.podguard.svc --renew     # rotate, same CA
`;

const DEFAULT_NAME = 'podguard.podguard.svc';

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 36500)
    throw new UsageError(`--${name} must be a whole number of days from 1 to 36500 (got ${JSON.stringify(text)})`);
  return n;
}

function readCa(dir: string): Pem {
  const certFile = path.join(dir, 'ca.crt');
  const keyFile = path.join(dir, 'ca.key');
  for (const f of [certFile, keyFile])
    if (!fs.existsSync(f)) throw new UsageError(`--renew needs the existing CA, but ${f} does not exist (run without --renew first)`);
  return { cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8') };
}

async function runCerts(argv: readonly string[]): Promise<number> {
  const v = parseCommandArgs(
    'certs',
    argv,
    {
      out: { type: 'string', short: 'o' },
      name: { type: 'string', short: 'n' },
      san: { type: 'string', multiple: true },
      days: { type: 'string' },
      renew: { type: 'boolean' },
      force: { type: 'boolean' },
    },
    false,
  ).values;
  if (!v.out) throw new UsageError('--out DIR is required: the directory for ca.crt, ca.key, tls.crt and tls.key (see "podguard certs --help")');
  const name = v.name ?? DEFAULT_NAME;
  const extra = v.san ?? [];
  for (const n of [name, ...extra]) {
    const problem = nameProblem(n);
    if (problem) throw new UsageError(problem);
  }
  const days = positiveInt('days', v.days, 365);
  const dir = v.out;
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new UsageError(`--out ${dir} is not a directory`);

  const ca = v.renew ? readCa(dir) : createCa(3650);
  const serving = issueServingCertificate(ca, { name, extraNames: extra, days });
  const files: FileToWrite[] = [
    ...(v.renew
      ? []
      : [
          { file: path.join(dir, 'ca.crt'), content: ca.cert, mode: 0o644 },
          { file: path.join(dir, 'ca.key'), content: ca.key, mode: 0o600 },
        ]),
    // The key first: a reloading server that sees a new key with the old certificate refuses the
    // pair and retries, and the certificate lands a moment later.
    { file: path.join(dir, 'tls.key'), content: serving.key, mode: 0o600 },
    { file: path.join(dir, 'tls.crt'), content: serving.cert, mode: 0o644 },
  ];
  const existing = files.filter((f) => fs.existsSync(f.file)).map((f) => f.file);
  if (existing.length > 0 && !v.force && !v.renew) {
    throw new UsageError(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}: use --renew to issue a new serving certificate from the same CA, or --force to replace everything`,
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileAtomic(f.file, f.content, { mode: f.mode });
  process.stderr.write(
    `${v.renew ? 'renewed' : 'wrote'} ${files.map((f) => f.file).join(', ')}\n` +
      `serving certificate for ${[...new Set([name, ...extra, 'localhost', '127.0.0.1'])].join(', ')}, valid ${days} days\n` +
      'caBundle (stdout) goes in the webhook configurations: see docs/webhook.md\n',
  );
  process.stdout.write(`${caBundle(ca.cert)}\n`);
  return 0;
}

export const certsCommand: Command = {
  name: 'certs',
  synopsis: 'certs --out DIR',
  summary: 'create a CA and serving certificate for the webhook',
  help: CERTS_HELP,
  run: runCerts,
};
