// The audit benchmark's baseline: reads the same cluster the same way (the same client, pages,
// concurrency and namespace window) and throws every object away, evaluating nothing. The audit's
// time over this one is what the audit itself costs. Prints peak memory at exit like run-cli.js.
// Usage: node audit-list-only.js KUBECONFIG

import { clientTransport, connect } from '../../src/kube/client';
import { ClusterSource } from '../../src/audit/cluster-source';
import { KubeApi } from '../../src/kube/kube-api';

async function main(): Promise<void> {
  const conn = connect({ kubeconfig: process.argv[2]! });
  const api = new KubeApi(clientTransport(conn), { concurrency: 4, retries: 3, timeoutMs: 60_000 });
  const source = new ClusterSource(api, { chunkSize: 500, window: 4 });
  await source.open();
  let objects = 0;
  for await (const batch of source.batches()) objects += batch.objects.length;
  process.stdout.write(`${objects} objects\n`);
}

process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`));
main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
