// Checks AppArmor profiles by compiling them without loading them (`apparmor_parser -Q -K`:
// everything but the kernel load, no cache) and reads the names the file declares
// (`apparmor_parser -N`). A pod names the profile (`appArmorProfile.localhostProfile`, or
// `localhost/NAME` in the deprecated annotation), not the file, so the names are what the
// inventory holds.

import { runTool } from '../../sources/run-tool';
import type { ProfileFinding } from '../finding';

export interface AppArmorResult {
  readonly findings: ProfileFinding[];
  /** Profile names declared in the file (empty when it does not compile). */
  readonly names: string[];
}

/** `AppArmor parser error for F in profile F at line 3: syntax error, …` → line and message. */
export function parseParserError(file: string, output: string): ProfileFinding[] {
  const out: ProfileFinding[] = [];
  for (const raw of output.split(/;|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('Cache read/write disabled') || line.startsWith('Warning: unable to find a suitable fs')) continue;
    const at = line.indexOf(' at line ');
    if (at >= 0) {
      const rest = line.slice(at + ' at line '.length);
      const colon = rest.indexOf(':');
      const n = Number(rest.slice(0, colon));
      out.push({ file, ...(Number.isInteger(n) && n > 0 ? { line: n } : {}), severity: 'error', message: `apparmor_parser: ${rest.slice(colon + 1).trim()}` });
    } else {
      out.push({ file, severity: 'error', message: `apparmor_parser: ${line.replace(/^AppArmor parser error[^:]*: /, '')}` });
    }
  }
  return out;
}

export async function checkAppArmor(file: string, parser: string): Promise<AppArmorResult> {
  const compiled = await runTool(parser, ['-Q', '-K', file]);
  if (!compiled.ok) {
    const findings = parseParserError(file, compiled.message);
    return { findings: findings.length ? findings : [{ file, severity: 'error', message: `apparmor_parser failed: ${compiled.message}` }], names: [] };
  }
  const named = await runTool(parser, ['-N', file]);
  if (!named.ok) return { findings: [{ file, severity: 'error', message: `apparmor_parser -N failed: ${named.message}` }], names: [] };
  const names = named.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (names.length === 0) return { findings: [{ file, severity: 'error', message: 'the file declares no AppArmor profile' }], names };
  return { findings: [], names };
}
