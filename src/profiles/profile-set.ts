// Reads a folder (or files) of security profiles into one checked set: every file's findings,
// and what each file provides, as the names pods use. Layout of a profiles folder:
//   seccomp/**/*.json   seccomp profiles; a pod names one as `podguard/<path below seccomp/>`
//   apparmor/*          AppArmor profiles; a pod names the profile (`profile NAME {`), not the file
//   selinux/*.cil       SELinux CIL policies; a pod names a declared type (`block.type`)
// Files elsewhere are classified by extension (.json seccomp, .cil SELinux, else AppArmor).

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkAppArmor } from './apparmor/check-apparmor';
import type { ProfileFinding, ProfileKind } from './finding';
import { hostTool } from './host-tools';
import { checkSeccomp } from './seccomp/check-seccomp';
import { checkSelinux } from './selinux/check-selinux';

/** Where the agent writes seccomp profiles below `<kubelet root>/seccomp/`: its own folder. */
export const SECCOMP_SUBDIR = 'podguard';

export interface ProvidedProfile {
  readonly kind: ProfileKind;
  /** What a pod writes: seccomp localhostProfile, AppArmor profile name, SELinux type. */
  readonly name: string;
  /** The file it comes from, as given (for messages) and relative to the folder (for the bundle). */
  readonly file: string;
  readonly relative: string;
  /** sha256 of the file, hex. */
  readonly digest: string;
}

export interface ProfileSet {
  readonly findings: ProfileFinding[];
  readonly provided: ProvidedProfile[];
  /** Kinds that could not be checked, with why (the compiler is not installed). */
  readonly unchecked: { kind: ProfileKind; file: string; why: string }[];
}

export interface CheckOptions {
  readonly apparmorParser?: string;
  readonly secilc?: string;
  /** CIL files compiled with every SELinux policy (the node's base policy, udica templates). */
  readonly selinuxBase?: readonly string[];
}

export function kindOf(relative: string): ProfileKind {
  const top = relative.split('/')[0];
  if (top === 'seccomp') return 'seccomp';
  if (top === 'apparmor') return 'apparmor';
  if (top === 'selinux') return 'selinux';
  if (relative.endsWith('.json')) return 'seccomp';
  if (relative.endsWith('.cil')) return 'selinux';
  return 'apparmor';
}

function walk(root: string, dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(root, full, out);
    else if (e.isFile()) out.push(full);
  }
}

/** Files of the inputs, each with its path relative to the folder it was found in. */
export function filesOf(inputs: readonly string[]): { file: string; relative: string }[] {
  const out: { file: string; relative: string }[] = [];
  for (const input of inputs) {
    if (fs.statSync(input).isDirectory()) {
      const found: string[] = [];
      walk(input, input, found);
      for (const f of found) out.push({ file: f, relative: path.relative(input, f).split(path.sep).join('/') });
    } else out.push({ file: input, relative: path.basename(input) });
  }
  return out;
}

/** The name a pod uses for a seccomp file: relative to `<kubelet root>/seccomp/`. */
export function seccompReference(relative: string): string {
  const below = relative.startsWith('seccomp/') ? relative.slice('seccomp/'.length) : relative;
  return `${SECCOMP_SUBDIR}/${below}`;
}

export async function readProfileSet(inputs: readonly string[], options: CheckOptions = {}): Promise<ProfileSet> {
  const findings: ProfileFinding[] = [];
  const provided: ProvidedProfile[] = [];
  const unchecked: ProfileSet['unchecked'] = [];
  const parser = hostTool('apparmor_parser', options.apparmorParser);
  const secilc = hostTool('secilc', options.secilc);
  for (const { file, relative } of filesOf(inputs)) {
    const bytes = fs.readFileSync(file);
    const text = bytes.toString('utf8');
    const digest = crypto.createHash('sha256').update(bytes).digest('hex');
    const kind = kindOf(relative);
    const add = (name: string) => provided.push({ kind, name, file, relative, digest });
    if (kind === 'seccomp') {
      const found = checkSeccomp(file, text);
      findings.push(...found);
      if (!found.some((f) => f.severity === 'error')) add(seccompReference(relative));
    } else if (kind === 'apparmor') {
      if (parser === undefined) {
        unchecked.push({ kind, file, why: 'apparmor_parser is not installed (Debian: apt-get install apparmor)' });
        continue;
      }
      const r = await checkAppArmor(file, parser);
      findings.push(...r.findings);
      r.names.forEach(add);
    } else {
      if (secilc === undefined) {
        unchecked.push({ kind, file, why: 'secilc is not installed (Debian: apt-get install secilc)' });
        continue;
      }
      const r = await checkSelinux(file, text, secilc, options.selinuxBase);
      findings.push(...r.findings);
      r.types.forEach(add);
    }
  }
  for (const dup of duplicates(provided)) {
    findings.push({
      file: dup.file,
      severity: 'error',
      message: `${dup.kind} profile "${dup.name}" is also provided by ${dup.other}: a node can hold only one`,
    });
  }
  return { findings, provided, unchecked };
}

function duplicates(provided: readonly ProvidedProfile[]): { kind: ProfileKind; name: string; file: string; other: string }[] {
  const seen = new Map<string, string>();
  const out: { kind: ProfileKind; name: string; file: string; other: string }[] = [];
  for (const p of provided) {
    const key = `${p.kind}\0${p.name}`;
    const other = seen.get(key);
    if (other !== undefined) out.push({ kind: p.kind, name: p.name, file: p.file, other });
    else seen.set(key, p.file);
  }
  return out;
}
