// Runs the podguard CLI in this process, as run-cli.js does, and reports at exit its peak RSS and
// its peak *retained* heap: every 2 s (run with --expose-gc) a full collection runs and the live
// heap is sampled. Peak RSS depends on when V8 chooses to collect; the retained heap is what the
// audit actually holds, so it shows whether memory grows with the cluster.

import { main } from '../../src/cli/main';

let retained = 0;
const collect = (globalThis as { gc?: () => void }).gc;
const sample = () => {
  collect?.();
  retained = Math.max(retained, process.memoryUsage().heapUsed);
};
if (collect) setInterval(sample, 2000).unref();

process.on('exit', () => {
  sample();
  process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\nretainedHeap ${Math.round(retained / 1024)}\n`);
});
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
