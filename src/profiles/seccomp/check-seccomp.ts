// Checks one seccomp profile file as the kubelet's runtime will read it. The kubelet hands the
// file's path to the CRI runtime; containerd decodes it into the OCI runtime-spec LinuxSeccomp
// structure (encoding/json: keys it does not know are dropped without a word) and runc turns
// each syscall name into a number with libseccomp, skipping names libseccomp does not know
// (runc libcontainer/seccomp/patchbpf and seccomp_linux.go: "ignoring unknown syscall"). So:
// the schema of the OCI spec, every name against libseccomp's table, and the keys of Docker's
// (moby's) profile format that only dockerd and CRI-O understand.

import { validateSchema } from '../../config/validate-schema';
import { readYaml } from '../../config/yaml-source';
import type { ProfileFinding } from '../finding';
import { jsonErrorOffset, lineAt } from '../json-error-offset';
import { didYouMean } from '../../policies/near-miss';
import { OCI_SECCOMP_SCHEMA, SECCOMP_ARCHITECTURES } from './oci-schema';
import { SYSCALL_ARCHITECTURES } from './syscall-table';

/** Keys of moby's profile format (github.com/moby/moby profiles/seccomp/seccomp.go) beyond the OCI ones. */
const MOBY_TOP_LEVEL: Readonly<Record<string, string>> = {
  archMap: 'containerd drops it, so the sub-architectures it lists get no filter of their own; list them in "architectures"',
  defaultErrno: 'containerd drops it; the OCI key is "defaultErrnoRet"',
};
const MOBY_SYSCALL: Readonly<Record<string, { severity: 'error' | 'warning'; why: string }>> = {
  name: { severity: 'error', why: 'containerd reads only "names" (a list), so this rule matches no syscall' },
  comment: { severity: 'warning', why: 'containerd drops it (harmless, but the file is not an OCI profile)' },
  includes: { severity: 'error', why: 'containerd drops the condition, so the rule applies on every architecture, kernel and capability set' },
  excludes: { severity: 'error', why: 'containerd drops the condition, so the rule applies on every architecture, kernel and capability set' },
  minKernel: { severity: 'error', why: 'containerd drops the condition, so the rule applies on every kernel' },
};
const OCI_SYSCALL_KEYS = new Set(['names', 'action', 'errnoRet', 'args']);
const OCI_TOP_LEVEL_KEYS = new Set(['defaultAction', 'defaultErrnoRet', 'architectures', 'flags', 'listenerPath', 'listenerMetadata', 'syscalls']);

export function checkSeccomp(file: string, text: string): ProfileFinding[] {
  const findings: ProfileFinding[] = [];
  const error = (line: number | undefined, message: string) => findings.push({ file, ...(line !== undefined ? { line } : {}), severity: 'error', message });
  const warning = (line: number | undefined, message: string) => findings.push({ file, ...(line !== undefined ? { line } : {}), severity: 'warning', message });
  try {
    JSON.parse(text);
  } catch (e) {
    // The runtime decodes the file with encoding/json: YAML, comments or trailing commas fail there.
    const message = (e as Error).message;
    const offset = jsonErrorOffset(text);
    error(offset === undefined ? undefined : lineAt(text, offset), `not valid JSON (containerd cannot decode it): ${message.split('\n')[0]}`);
    return findings;
  }
  const src = readYaml(text);
  for (const e of src.errors) error(e.line, e.message);
  if (src.errors.length) return findings;
  const value = src.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    error(1, 'a seccomp profile is a JSON object with "defaultAction" and usually "syscalls"');
    return findings;
  }
  for (const e of validateSchema(OCI_SECCOMP_SCHEMA, value, src, file)) findings.push({ ...e, severity: 'error' });
  const profile = value as Record<string, unknown>;
  for (const key of Object.keys(profile)) {
    if (OCI_TOP_LEVEL_KEYS.has(key)) continue;
    const why = MOBY_TOP_LEVEL[key];
    if (why) error(src.lineOf([key], true), `"${key}" is a Docker (moby) profile key: ${why}`);
    else warning(src.lineOf([key], true), `unknown key "${key}": containerd drops it`);
  }
  const archs = Array.isArray(profile['architectures'])
    ? profile['architectures'].filter((a): a is string => typeof a === 'string' && a in SECCOMP_ARCHITECTURES)
    : [];
  const columns = new Set(archs.map((a) => SECCOMP_ARCHITECTURES[a]!));
  const syscalls = Array.isArray(profile['syscalls']) ? profile['syscalls'] : [];
  syscalls.forEach((rule: unknown, i) => {
    if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return; // the schema said so
    const entry = rule as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (OCI_SYSCALL_KEYS.has(key)) continue;
      const moby = MOBY_SYSCALL[key];
      const line = src.lineOf(['syscalls', i, key], true);
      if (moby) (moby.severity === 'error' ? error : warning)(line, `syscalls[${i}].${key} is a Docker (moby) profile key: ${moby.why}`);
      else warning(line, `syscalls[${i}]: unknown key "${key}": containerd drops it`);
    }
    const names = Array.isArray(entry['names']) ? entry['names'] : [];
    names.forEach((name: unknown, j) => {
      if (typeof name !== 'string' || name === '') return;
      const line = src.lineOf(['syscalls', i, 'names', j]);
      const known = Object.prototype.hasOwnProperty.call(SYSCALL_ARCHITECTURES, name) ? SYSCALL_ARCHITECTURES[name]! : undefined;
      if (known === undefined) {
        error(
          line,
          `unknown syscall "${name}": libseccomp has no such name on any architecture, and runc skips it without a word${didYouMean(name, Object.keys(SYSCALL_ARCHITECTURES))}`,
        );
        return;
      }
      if (columns.size === 0) return; // the node's own architecture: any known name may be on it
      const on = new Set(known.split(' '));
      if (![...columns].some((c) => on.has(c)))
        warning(line, `syscall "${name}" exists on none of the listed architectures (${archs.join(', ')}): this name has no effect`);
    });
  });
  return findings;
}
