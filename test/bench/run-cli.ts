// Runs the podguard CLI in this process and reports its peak memory on stderr at exit, so the
// benchmark can measure a whole scan process the way a user runs it.

import { main } from '../../src/cli/main';

process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`));
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
