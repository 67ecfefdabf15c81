// `podguard profiles`: seccomp, AppArmor and SELinux profiles from checking to every node.
// `check` validates profile files; `bundle` writes the kustomize base that installs them;
// `agent` is what that base's DaemonSet runs on each node. The work is in src/profiles; this
// file reads options and prints.

import fs from 'node:fs';
import { clientTransport, connect, KubeConfigError } from '../kube/client';
import { KubeApi } from '../kube/kube-api';
import { kubeNodeLabels } from '../profiles/agent/kube-node-labels';
import { apparmorLoader, seccompLoader, selinuxLoader, type ProfileLoader } from '../profiles/agent/loaders';
import { runAgent } from '../profiles/agent/run-agent';
import { BundleIndexError } from '../profiles/bundle-index';
import { parsePool, renderBundle, writeBundle, type Pool } from '../profiles/bundle/render-bundle';
import { formatFinding } from '../profiles/finding';
import { hostTool } from '../profiles/host-tools';
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

bundle DIR -o OUT
  Checks DIR (as check does; any error stops it) and writes a kustomize base to OUT: a namespace,
  the agent's ServiceAccount, a ClusterRole to get and patch nodes, a ValidatingAdmissionPolicy
  that limits the agent to its own node and to profiles.podguard.dev/* labels, ConfigMaps with
  the profiles and their index (files/index.json), and the agent DaemonSet (one per pool).
  Apply it with "kubectl apply -k OUT". Mounts and privileges are only those the bundled kinds need.
  -o, --output-dir OUT        where to write (created; files there are replaced)
  -n, --namespace NS          namespace of the agent                 (default: podguard-profiles)
      --image IMAGE           the podguard image                     (default: podguard)
      --interval SECONDS      how often each agent reconciles        (default: 30)
      --pool NAME:KEY=VALUE[:kubelet-root=PATH][:no-apparmor][:no-selinux]
                              a node pool selected by a node label, with its kubelet root folder
                              and the kinds its nodes cannot hold (repeatable). With pools, only
                              pool nodes run the agent: other nodes get no labels, so pods that
                              need profiles are never scheduled there.

agent
  Runs on each node (the bundle's DaemonSet): writes seccomp profiles under
  <kubelet root>/seccomp/podguard/, loads AppArmor profiles (apparmor_parser -r), installs SELinux
  modules (semodule -i), verifies each (read-back digest, the kernel's AppArmor profile list,
  semodule -l) and only then labels its node profiles.podguard.dev/<kind>-<name>=<digest>; a
  label goes when its profile leaves the bundle or stops verifying.
      --profiles DIR          the mounted ConfigMaps (index/, seccomp/, apparmor/, selinux/)
      --kubelet-root DIR      the kubelet's root folder as mounted     (default: /var/lib/kubelet)
      --state-dir DIR         where the agent remembers what it installed
      --node-name NAME        this node                                (default: $NODE_NAME)
      --interval SECONDS      between reconciliations; 0 runs once     (default: 30)
      --no-apparmor, --no-selinux   this node cannot hold that kind
      --kubeconfig FILE       (default: the pod's service account)

Exit codes: 0 no errors (warnings may be printed), 1 a profile has errors, 2 usage or input error.

Examples:
  podguard profiles check profiles/
  podguard profiles check profiles/seccomp/audit.json -o json
  podguard profiles bundle profiles/ -o deploy/profiles --pool gpu:pool=gpu:kubelet-root=/var/lib/k0s/kubelet:no-apparmor
  kubectl apply -k deploy/profiles
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

async function runBundle(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('profiles', argv, {
    'output-dir': { type: 'string', short: 'o' },
    namespace: { type: 'string', short: 'n' },
    image: { type: 'string' },
    interval: { type: 'string' },
    pool: { type: 'string', multiple: true },
    'apparmor-parser': { type: 'string' },
    secilc: { type: 'string' },
    'selinux-base': { type: 'string', multiple: true },
  });
  if (positionals.length !== 1) throw new UsageError('profiles bundle needs one DIR (a profiles folder) and -o OUT');
  const out = values['output-dir'];
  if (out === undefined) throw new UsageError('profiles bundle needs -o OUT, the folder to write the kustomize base to');
  if (!fs.existsSync(positionals[0]!)) throw new UsageError(`${positionals[0]} does not exist`);
  const interval = Number(values.interval ?? '30');
  if (!Number.isInteger(interval) || interval < 5) throw new UsageError('--interval must be a whole number of seconds, at least 5');
  const pools: Pool[] = [];
  for (const text of values.pool ?? []) {
    const p = parsePool(text);
    if (typeof p === 'string') throw new UsageError(p);
    if (pools.some((q) => q.name === p.name)) throw new UsageError(`pool ${p.name} is given twice`);
    pools.push(p);
  }
  const set = await readProfileSet(positionals, {
    ...(values['apparmor-parser'] !== undefined ? { apparmorParser: values['apparmor-parser'] } : {}),
    ...(values.secilc !== undefined ? { secilc: values.secilc } : {}),
    ...(values['selinux-base'] ? { selinuxBase: values['selinux-base'] } : {}),
  });
  for (const f of set.findings) process.stderr.write(`${formatFinding(f)}\n`);
  if (set.findings.some((f) => f.severity === 'error')) {
    process.stderr.write('podguard: no bundle written: fix the errors above first\n');
    return 1;
  }
  if (set.unchecked.length) {
    for (const u of set.unchecked) process.stderr.write(`${u.file}: not checked: ${u.why}\n`);
    process.stderr.write('podguard: no bundle written: every profile must be checked before it is shipped to nodes\n');
    return 2;
  }
  const bundle = renderBundle(set.provided, {
    namespace: values.namespace ?? 'podguard-profiles',
    image: values.image ?? 'podguard',
    pools,
    intervalSeconds: interval,
  });
  writeBundle(out, bundle);
  process.stdout.write(
    `wrote ${out}: ${bundle.index.profiles.length} profile(s) for ${pools.length ? `${pools.length} pool(s)` : 'every Linux node'}; apply with "kubectl apply -k ${out}"\n`,
  );
  return 0;
}

async function runAgentCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(
    'profiles',
    argv,
    {
      profiles: { type: 'string' },
      'kubelet-root': { type: 'string' },
      'state-dir': { type: 'string' },
      'node-name': { type: 'string' },
      interval: { type: 'string' },
      'no-apparmor': { type: 'boolean' },
      'no-selinux': { type: 'boolean' },
      kubeconfig: { type: 'string' },
    },
    false,
  );
  const nodeName = values['node-name'] ?? process.env['NODE_NAME'];
  if (!nodeName) throw new UsageError('profiles agent needs --node-name or $NODE_NAME (the bundle sets it from spec.nodeName)');
  if (!values.profiles || !values['state-dir']) throw new UsageError('profiles agent needs --profiles DIR and --state-dir DIR');
  const interval = Number(values.interval ?? '30');
  if (!Number.isInteger(interval) || interval < 0) throw new UsageError('--interval must be a whole number of seconds (0: run once)');
  const loaders: ProfileLoader[] = [seccompLoader(values['kubelet-root'] ?? '/var/lib/kubelet')];
  const parser = hostTool('apparmor_parser');
  if (!values['no-apparmor'] && parser) loaders.push(apparmorLoader({ parser }));
  const semodule = hostTool('semodule');
  if (!values['no-selinux'] && semodule) loaders.push(selinuxLoader({ semodule }));
  let api: KubeApi;
  try {
    const conn = connect({ ...(values.kubeconfig !== undefined ? { kubeconfig: values.kubeconfig } : {}), inCluster: true });
    api = new KubeApi(clientTransport(conn), { concurrency: 1, retries: 3, timeoutMs: 30_000 });
  } catch (e) {
    if (e instanceof KubeConfigError) throw new UsageError(e.message);
    throw e;
  }
  const controller = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => controller.abort());
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  try {
    await runAgent({
      profilesDir: values.profiles,
      stateDir: values['state-dir'],
      loaders,
      labels: kubeNodeLabels(api, nodeName),
      intervalSeconds: interval,
      log,
      signal: controller.signal,
    });
  } catch (e) {
    if (e instanceof BundleIndexError) {
      process.stderr.write(`podguard: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return 0;
}

async function runProfiles(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'check':
      return runCheck(rest);
    case 'bundle':
      return runBundle(rest);
    case 'agent':
      return runAgentCommand(rest);
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
