// The load generator of `npm run bench:webhook`, run as its own process so it does not share an
// event loop with the server it measures: autocannon POSTs the AdmissionReviews of a corpus in
// turn on each connection and prints one JSON line with the figures.

import fs from 'node:fs';

/** The parts of autocannon's result used here (the package ships no types). */
interface Result {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object, cb: (err: Error | null, r: Result) => void) => void;

interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly bodiesFile: string;
}

const o = JSON.parse(process.argv[2]!) as LoadOptions;
const bodies = JSON.parse(fs.readFileSync(o.bodiesFile, 'utf8')) as string[];
const headers = { 'content-type': 'application/json' };

autocannon(
  { url: o.url, connections: o.connections, duration: o.seconds, method: 'POST', requests: bodies.map((body) => ({ method: 'POST', body, headers })) },
  (err, r) => {
    if (err) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(
      `${JSON.stringify({ rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx })}\n`,
    );
  },
);
