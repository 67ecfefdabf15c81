// Checks SELinux CIL policies with `secilc`, which compiles only a complete policy: the files are
// compiled together with a base (the user's own, e.g. the node's base policy and udica's
// templates, or podguard's minimal one below), so a reference to anything neither declares is
// reported as unresolved at its file and line.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTool } from '../../sources/run-tool';
import type { ProfileFinding } from '../finding';
import { cilTypes } from './cil-types';

/**
 * The least secilc accepts as a complete policy (handleunknown, mls, one class, an initial SID
 * with its context, sensitivity and category orders, one user with its roles and levels).
 */
export const MINIMAL_CIL_BASE = `(handleunknown allow)
(mls false)
(class process (transition dyntransition))
(class file (read write open getattr execute))
(classorder (process file))
(sid kernel)
(sidorder (kernel))
(sensitivity s0)
(sensitivityorder (s0))
(category c0)
(categoryorder (c0))
(sensitivitycategory s0 (c0))
(user system_u)
(role system_r)
(role object_r)
(userrole system_u system_r)
(userrole system_u object_r)
(userlevel system_u (s0))
(userrange system_u ((s0) (s0 (c0))))
(type kernel_t)
(roletype system_r kernel_t)
(sidcontext kernel (system_u system_r kernel_t ((s0) (s0))))
`;

export interface SelinuxResult {
  readonly findings: ProfileFinding[];
  /** Types declared, with their block prefixes (`my_container.process`). */
  readonly types: string[];
}

/** secilc's `… at FILE:LINE` and `… at line N of FILE` messages → findings on the user's file. */
export function parseSecilcOutput(file: string, output: string): ProfileFinding[] {
  const out: ProfileFinding[] = [];
  for (const raw of output.split(/;|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('Failed to resolve AST') || line.startsWith('Failed to compile cildb') || line.startsWith('Failure adding')) continue;
    const colonForm = line.lastIndexOf(` at ${file}:`);
    const ofForm = line.indexOf(' at line ');
    if (colonForm >= 0) {
      out.push({ file, line: Number(line.slice(colonForm + ` at ${file}:`.length)), severity: 'error', message: `secilc: ${line.slice(0, colonForm)}` });
    } else if (ofForm >= 0 && line.endsWith(` of ${file}`)) {
      const n = Number(line.slice(ofForm + ' at line '.length, line.length - ` of ${file}`.length));
      out.push({ file, ...(Number.isInteger(n) ? { line: n } : {}), severity: 'error', message: `secilc: ${line.slice(0, ofForm)}` });
    } else out.push({ file, severity: 'error', message: `secilc: ${line}` });
  }
  return out;
}

export async function checkSelinux(file: string, text: string, secilc: string, baseFiles: readonly string[] = []): Promise<SelinuxResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-cil-'));
  try {
    let bases = [...baseFiles];
    if (bases.length === 0) {
      bases = [path.join(dir, 'podguard-minimal-base.cil')];
      fs.writeFileSync(bases[0]!, MINIMAL_CIL_BASE);
    }
    const run = await runTool(secilc, ['-o', path.join(dir, 'policy'), '-f', path.join(dir, 'file_contexts'), ...bases, file]);
    if (!run.ok) {
      const findings = parseSecilcOutput(file, run.message);
      return { findings: findings.length ? findings : [{ file, severity: 'error', message: `secilc failed: ${run.message}` }], types: [] };
    }
    const types = cilTypes(text);
    if (types.length === 0) return { findings: [{ file, severity: 'warning', message: 'the policy declares no type a pod could run as' }], types };
    return { findings: [], types };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
