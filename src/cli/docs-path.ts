// Where the documentation a help text points to is: docs/ ships in the npm package (package.json
// "files"), so help names the installed file by its full path, which exists wherever podguard
// is installed (test/package checks the packed file list).

import path from 'node:path';

/** The package's root: this file is dist/src/cli/docs-path.js in the build and in the package. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..', '..');

export function docsPath(relative: string): string {
  return path.join(PACKAGE_ROOT, 'docs', relative);
}
