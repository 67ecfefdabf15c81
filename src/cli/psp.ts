// `podguard psp admit` and `podguard psp migrate`: PodSecurityPolicy admission as Kubernetes
// v1.24 ran it, offline, and the plan for replacing it. The logic is src/psp; this file reads
// options and inputs and picks the output.

import fs from 'node:fs';
import path from 'node:path';
import { writeComponent, targetOf, type ObjectPatch } from '../fix/output/kustomize';
import { clientTransport, connect, KubeConfigError } from '../kube/client';
import { KubeApi } from '../kube/kube-api';
import { DEFAULT_MAX_PAGES, listAll } from '../kube/list-pages';
import type { KubeObject } from '../k8s/types';
import { admitAll } from '../psp/admit-all';
import { planMigration, type MigrationPlan } from '../psp/migrate';
import { migrateMarkdown } from '../psp/output/markdown';
import { admitText, migrateText } from '../psp/output/text';
import { PspWorldReader, sourceless, type PspWorld } from '../psp/world';
import type { UserInfo } from '../rbac/subjects';
import { serviceAccountGroups, splitServiceAccountUsername } from '../rbac/subjects';
import type { InputError } from '../sources/input-error';
import { readSources } from '../sources/read-sources';
import { colorEnabled, palette } from '../terminal/color';
import type { Command } from './command';
import { FILENAME_OPTION, inputPaths, OUTPUT_OPTIONS, outputFormat, outputHelp } from './conventions';
import { parseCommandArgs } from './options';
import { reportOutput, withReportFile } from './report-file';
import { resolvePaths } from './resolve-paths';
import { UsageError } from './usage-error';

export const PSP_HELP = `Usage: podguard psp admit [PATH|-]... [options]     PSP's decision for every workload of a dump
       podguard psp migrate [PATH|-]... [options]   the plan for removing PodSecurityPolicy
       podguard psp admit|migrate --cluster [options]

PodSecurityPolicy (removed in Kubernetes v1.25) as the v1.24 admission plugin ran it, exactly:
policies in name order, only those the pod's service account or the creating user may "use" in
the namespace (RBAC, group policy or extensions, resourceNames honoured); the first that admits the
pod unchanged wins, else the first that admits it with its defaults. Checked against upstream's own
plugin (see docs/psp.md).

Input: the output of
  kubectl get psp,clusterroles,clusterrolebindings,roles,rolebindings,ns,sa,pods,deploy,sts,ds,rs,rc,jobs,cronjobs -A -o yaml
PodSecurityPolicies may be policy/v1beta1 or extensions/v1beta1. A workload's pods are created by
its controller's service account (system:serviceaccount:kube-system:replicaset-controller for a
Deployment or ReplicaSet, statefulset-controller, daemon-set-controller, job-controller,
replication-controller); a bare Pod by --as (default: an anonymous user, who may use nothing).

admit prints, per workload, the policy that admits it and what that policy writes into the pod
(or the API server's denial). Exit code 1 when any workload is denied.

migrate prints, per namespace: the policies that apply and to whom, each one's nearest Pod
Security Standards level (the field table of docs/psp.md), the strictest level the workloads meet
as PSP admits them today, the namespace labels to set, a podguard.yaml keeping what PSS does not
(readOnlyRootFilesystem, non-root users and groups, read-only host paths, dropped capabilities,
sysctls) with exceptions for workloads PSP let through, the rules nothing keeps, and the changes
that write into each workload what PSP injected, so removing PSP changes no running pod.

Options:
${outputHelp('psp', 'markdown is the migration plan as a document', 'text')}  -f, --filename PATH     input, as the PATHs (repeatable)
      --as USER           the user who creates bare Pods (system:serviceaccount:NS:NAME has its groups)
      --as-group GROUP    a group of --as (repeatable)
      --out DIR           migrate: write podguard.yaml, namespaces.yaml (the labels) and
                          patches/ (a kustomize Component of JSON patches) into DIR
      --cluster           read the objects from the cluster (kubeconfig; the cluster must still serve policy/v1beta1)
      --kubeconfig FILE   kubeconfig for --cluster
      --context NAME      kubeconfig context for --cluster
  -h, --help              show this help

Exit codes:
  0  done (admit: every workload admitted)
  1  admit: some workload denied
  2  usage or input error

Examples:
  kubectl get psp,clusterroles,clusterrolebindings,roles,rolebindings,ns,sa,deploy,sts,ds,jobs,cronjobs,pods -A -o yaml > dump.yaml
  podguard psp admit dump.yaml
  podguard psp migrate dump.yaml -o markdown --output-file plan.md
  podguard psp migrate dump.yaml --out migration/
`;

const OPTIONS = {
  ...OUTPUT_OPTIONS,
  ...FILENAME_OPTION,
  as: { type: 'string' },
  'as-group': { type: 'string', multiple: true },
  out: { type: 'string' },
  cluster: { type: 'boolean' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
} as const;

/** What `--cluster` lists. */
const CLUSTER_LISTS = [
  '/apis/policy/v1beta1/podsecuritypolicies',
  '/apis/rbac.authorization.k8s.io/v1/clusterroles',
  '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
  '/apis/rbac.authorization.k8s.io/v1/roles',
  '/apis/rbac.authorization.k8s.io/v1/rolebindings',
  '/api/v1/namespaces',
  '/api/v1/serviceaccounts',
  '/api/v1/pods',
  '/api/v1/replicationcontrollers',
  '/apis/apps/v1/deployments',
  '/apis/apps/v1/statefulsets',
  '/apis/apps/v1/daemonsets',
  '/apis/apps/v1/replicasets',
  '/apis/batch/v1/jobs',
  '/apis/batch/v1/cronjobs',
];

/** Kinds the API leaves off list items. */
const KIND_OF: Readonly<Record<string, [string, string]>> = {
  podsecuritypolicies: ['policy/v1beta1', 'PodSecurityPolicy'],
  clusterroles: ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  clusterrolebindings: ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  roles: ['rbac.authorization.k8s.io/v1', 'Role'],
  rolebindings: ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  namespaces: ['v1', 'Namespace'],
  serviceaccounts: ['v1', 'ServiceAccount'],
  pods: ['v1', 'Pod'],
  replicationcontrollers: ['v1', 'ReplicationController'],
  deployments: ['apps/v1', 'Deployment'],
  statefulsets: ['apps/v1', 'StatefulSet'],
  daemonsets: ['apps/v1', 'DaemonSet'],
  replicasets: ['apps/v1', 'ReplicaSet'],
  jobs: ['batch/v1', 'Job'],
  cronjobs: ['batch/v1', 'CronJob'],
};

async function fromCluster(values: { kubeconfig?: string; context?: string }): Promise<PspWorld> {
  let api: KubeApi;
  try {
    const conn = connect({
      ...(values.kubeconfig !== undefined ? { kubeconfig: values.kubeconfig } : {}),
      ...(values.context !== undefined ? { context: values.context } : {}),
    });
    api = new KubeApi(clientTransport(conn), { concurrency: 4, retries: 3, timeoutMs: 60_000 });
  } catch (e) {
    if (e instanceof KubeConfigError) throw new UsageError(e.message);
    throw e;
  }
  const reader = new PspWorldReader();
  for (const p of CLUSTER_LISTS) {
    let items: readonly KubeObject[];
    try {
      items = (await listAll(api, p, { limit: 500, maxPages: DEFAULT_MAX_PAGES })).items;
    } catch (e) {
      if (p.includes('podsecuritypolicies'))
        throw new UsageError(
          `cannot list ${p}: ${(e as Error).message} (Kubernetes v1.25 and later no longer serve PodSecurityPolicy: give a dump taken before the upgrade instead)`,
        );
      throw new UsageError(`cannot list ${p}: ${(e as Error).message}`);
    }
    const [apiVersion, kind] = KIND_OF[p.slice(p.lastIndexOf('/') + 1)]!;
    items.forEach((o, i) => reader.add(sourceless({ apiVersion, kind, ...o }, `${api.server}${p}`, i)));
  }
  return reader.finish();
}

async function fromFiles(paths: readonly string[], errors: InputError[]): Promise<PspWorld> {
  const reader = new PspWorldReader();
  for await (const unit of readSources(resolvePaths(paths, errors))) {
    errors.push(...unit.errors);
    for (const o of unit.objects) reader.add(o);
  }
  return reader.finish();
}

function userFrom(as: string | undefined, groups: readonly string[] | undefined): UserInfo | undefined {
  if (as === undefined) return undefined;
  const sa = splitServiceAccountUsername(as);
  const base = sa ? serviceAccountGroups(sa.namespace) : [];
  return { name: as, groups: [...new Set([...base, ...(groups ?? []), 'system:authenticated'])] };
}

function printErrors(errors: readonly InputError[]): void {
  const c = palette(colorEnabled(process.stderr));
  for (const e of errors)
    process.stderr.write(`${c.bold([e.file, e.line].filter((x) => x !== undefined && x !== 0).join(':'))}: ${c.red('error')}: ${e.message}\n`);
}

function writeMigration(dir: string, plan: MigrationPlan, world: PspWorld): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const config = path.join(dir, 'podguard.yaml');
  fs.writeFileSync(config, plan.config);
  written.push(config);
  const namespaces = plan.namespaces
    .map(
      (ns) =>
        `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${JSON.stringify(ns.name)}\n  labels:\n${Object.entries(ns.labels)
          .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
          .join('\n')}\n`,
    )
    .join('---\n');
  const nsFile = path.join(dir, 'namespaces.yaml');
  fs.writeFileSync(nsFile, `# Written by podguard psp migrate: apply with kubectl apply --server-side, or label with the commands of the plan.\n${namespaces}`);
  written.push(nsFile);
  const patches: ObjectPatch[] = [];
  for (const ns of plan.namespaces)
    for (const w of ns.workloads) {
      if (w.jsonPatch.length === 0) continue;
      const object = world.workloads.find((x) => x.source.file === w.file && x.source.line === w.line && x.namespace === w.namespace)?.object;
      const target = object && targetOf(object);
      if (!target || 'problem' in target) continue;
      patches.push({ target, origin: `${w.file}:${w.line}`, ops: w.jsonPatch });
    }
  if (patches.length) written.push(writeComponent(path.join(dir, 'patches'), patches, 'what PodSecurityPolicy injected').kustomization);
  return written;
}

async function runPsp(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('psp', argv, OPTIONS);
  const sub = positionals[0];
  if (sub !== 'admit' && sub !== 'migrate') throw new UsageError('usage: podguard psp admit|migrate [PATH|-]... (see "podguard psp --help")');
  const format = outputFormat(['text', 'json', 'markdown'] as const, values.output, 'text');
  if (sub === 'admit' && format === 'markdown') throw new UsageError('markdown is the migration plan: use it with "psp migrate"');
  const paths = inputPaths(positionals.slice(1), values.filename);
  if (values.cluster && paths.length > 0) throw new UsageError('give either --cluster or paths, not both');
  if (!values.cluster && paths.length === 0) throw new UsageError('no input: name the files of a cluster dump, "-" for standard input, or --cluster');
  const errors: InputError[] = [];
  const world = values.cluster ? await fromCluster(values) : await fromFiles(paths, errors);
  errors.push(...world.errors);
  const asUser = userFrom(values.as, values['as-group']);
  let text: string;
  let code = 0;
  if (sub === 'admit') {
    const outcomes = admitAll(world, asUser);
    code = outcomes.some((o) => !o.allowed) ? 1 : 0;
    text = format === 'json' ? `${JSON.stringify({ schemaVersion: 1, workloads: outcomes, errors }, null, 2)}\n` : admitText(outcomes);
  } else {
    const plan = planMigration(world, asUser ? { asUser } : {});
    if (values.out !== undefined) for (const f of writeMigration(values.out, plan, world)) process.stderr.write(`wrote ${f}\n`);
    text =
      format === 'json'
        ? `${JSON.stringify({ schemaVersion: 1, ...plan, errors }, null, 2)}\n`
        : format === 'markdown'
          ? migrateMarkdown(plan)
          : migrateText(plan);
  }
  const { out, file } = reportOutput(values['output-file']);
  await withReportFile(file, async () => {
    out.write(text);
    await out.close();
  });
  printErrors(errors);
  return errors.length > 0 ? 2 : code;
}

export const pspCommand: Command = {
  name: 'psp',
  synopsis: 'psp admit|migrate [PATH|-]...',
  summary: 'PodSecurityPolicy admission as v1.24 ran it, and the plan for migrating off it',
  help: PSP_HELP,
  run: runPsp,
};
