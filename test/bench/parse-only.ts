// Baseline processes for the benchmark: read the same files and only parse them.
// Usage: node parse-only.js js-yaml|yaml FILE...   (prints the number of documents)

import fs from 'node:fs';

function main(): void {
  const [which, ...files] = process.argv.slice(2);
  let docs = 0;
  if (which === 'js-yaml') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jsyaml = require('js-yaml') as typeof import('js-yaml');
    for (const f of files) jsyaml.loadAll(fs.readFileSync(f, 'utf8'), () => docs++);
  } else if (which === 'yaml') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseAllDocuments } = require('yaml') as typeof import('yaml');
    for (const f of files) {
      const all = parseAllDocuments(fs.readFileSync(f, 'utf8'));
      docs += Array.isArray(all) ? all.length : 1;
    }
  } else throw new Error(`unknown parser ${which}`);
  process.stdout.write(`${docs}\n`);
  process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`);
}

main();
