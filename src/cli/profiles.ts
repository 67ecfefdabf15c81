// `podguard profiles`: seccomp, AppArmor and SELinux profiles from checking to every node.
// `check` validates profile files; `bundle` writes the kustomize base that installs them;
// `agent` is what that base's DaemonSet runs on each node. The work is in src/profiles; this
// file reads options and prints.

import fs from 'node:fs';
import { formatFinding } from '../profiles/finding';
import { readProfileSet } from '../profiles/profile-set';
import type { Command } from './command';
import { oneOf, parseCommandArgs } from './options';
import { UsageError } from './usage-error';

export const PROFILES_HELP = `Usage: podguard profiles check PATH... [options]     validate profiles, errors at file:line
       podguard profiles bundle DIR -o OUT [options]  a kustomize base installing DIR's profiles on every node
       podguard profiles agent [options]              the node agent the bundle's DaemonSet runs

A pod that names a Localhost profile its node lacks does not start (CreateContainerError, or
"apparmor profile not found"). These commands check profiles before they ship, install them on
every node, label each node once a profile is really loaded, and (with "podguard serve") keep pods
off nodes without their profiles. See docs/profiles.md.

A profiles folder holds:
  seccomp/**/*.json   OCI seccomp profiles; a pod names one as podguard/<path below seccomp/>
  apparmor/*          AppArmor profiles; a pod names a declared profile, not the file
  selinux/*.cil       SELinux CIL policies; a pod names a declared type (block.type)

check
  Seccomp against the OCI runtime-spec schema, every syscall name against libseccomp's table
  (runc skips unknown names silently), and Docker-only keys (comment, includes, excludes,
  minKernel, name) that containerd drops. AppArmor by compiling without loading
  (apparmor_parser -Q -K); SELinux CIL with secilc, together with --selinux-base files or a
  minimal base. Kinds whose compiler is not installed are reported as unchecked.
  -o, --output text|json      (default: text)
      --apparmor-parser FILE  apparmor_parser to run (default: on PATH or /usr/sbin)
      --secilc FILE           secilc to run (default: on PATH)
      --selinux-base FILE     CIL compiled with every policy, e.g. the node's base (repeatable)
      --require-tools         exit 2 when a kind could not be checked

Exit codes: 0 no errors (warnings may be printed), 1 a profile has errors, 2 usage or input error.

Examples:
  podguard profiles check profiles/
  podguard profiles check profiles/seccomp/audit.json -o json
`;

async function runCheck(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('profiles', argv, {
    output: { type: 'string', short: 'o' },
    'apparmor-parser': { type: 'string' },
    secilc: { type: 'string' },
    'selinux-base': { type: 'string', multiple: true },
    'require-tools': { type: 'boolean' },
  });
  const format = oneOf('output format', values.output, ['text', 'json'] as const, 'text');
  if (positionals.length === 0) throw new UsageError('profiles check needs at least one PATH (a file or a profiles folder)');
  for (const p of [...positionals, ...(values['selinux-base'] ?? [])]) if (!fs.existsSync(p)) throw new UsageError(`${p} does not exist`);
  const set = await readProfileSet(positionals, {
    ...(values['apparmor-parser'] !== undefined ? { apparmorParser: values['apparmor-parser'] } : {}),
    ...(values.secilc !== undefined ? { secilc: values.secilc } : {}),
    ...(values['selinux-base'] ? { selinuxBase: values['selinux-base'] } : {}),
  });
  const errors = set.findings.filter((f) => f.severity === 'error').length;
  if (format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ findings: set.findings, provided: set.provided.map(({ kind, name, file }) => ({ kind, name, file })), unchecked: set.unchecked }, null, 2)}\n`,
    );
  } else {
    for (const f of set.findings) process.stdout.write(`${formatFinding(f)}\n`);
    for (const u of set.unchecked) process.stderr.write(`${u.file}: not checked: ${u.why}\n`);
    const warnings = set.findings.length - errors;
    process.stdout.write(
      `${set.provided.length} profile${set.provided.length === 1 ? '' : 's'} provided; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${set.unchecked.length ? `, ${set.unchecked.length} file(s) not checked` : ''}\n`,
    );
  }
  if (errors > 0) return 1;
  return values['require-tools'] && set.unchecked.length > 0 ? 2 : 0;
}

async function runProfiles(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'check':
      return runCheck(rest);
    case undefined:
      throw new UsageError('profiles needs a subcommand: check, bundle or agent (see "podguard profiles --help")');
    default:
      throw new UsageError(`unknown profiles subcommand ${JSON.stringify(sub)}: use check, bundle or agent`);
  }
}

export const profilesCommand: Command = {
  name: 'profiles',
  synopsis: 'profiles check|bundle|agent',
  summary: 'check seccomp/AppArmor/SELinux profiles, install them on every node, label nodes that have them',
  help: PROFILES_HELP,
  run: runProfiles,
};
