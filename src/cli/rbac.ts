// `podguard rbac`: who can run which pods where, and who can switch the guard off, from a dump of
// a cluster's RBAC objects (or the cluster itself); `podguard rbac can` answers one
// `kubectl auth can-i --as` question from the same files. The analysis is src/rbac; this file
// reads options, settings and inputs and picks the output.

import { clientTransport, connect, KubeConfigError } from '../kube/client';
import { KubeApi } from '../kube/kube-api';
import { DEFAULT_MAX_PAGES, listAll } from '../kube/list-pages';
import { loadSettings } from '../config/load';
import type { PodSecurityConfig } from '../psa/pod-security-configuration';
import { atLeast } from '../policies/severity';
import { colorEnabled, palette } from '../terminal/color';
import { analyse } from '../rbac/analyse';
import { upstreamBindingDescription } from '../rbac/authorizer';
import { can, CanArgumentError, type CanAnswer } from '../rbac/can';
import { FINDING_IDS } from '../rbac/finding-kinds';
import { loadRbac, rbacFromObjects, type LoadedRbac } from '../rbac/load';
import { rbacHtml } from '../rbac/output/html';
import { rbacJson } from '../rbac/output/json';
import { rbacSarif } from '../rbac/output/sarif';
import { summarise } from '../rbac/output/summary';
import { rbacText } from '../rbac/output/text';
import { describeRequest } from '../rbac/rule-matches';
import type { InputError } from '../sources/input-error';
import type { Command } from './command';
import { parseCommandArgs } from './options';
import { FILENAME_OPTION, inputPaths, OUTPUT_OPTIONS, outputFormat, outputHelp } from './conventions';
import { reportOutput, withReportFile } from './report-file';
import { resolvePaths } from './resolve-paths';
import { parseFailOn } from './settings-options';
import { UsageError } from './usage-error';

export const RBAC_HELP = `Usage: podguard rbac [PATH|-]... [options]        analyse a dump of RBAC objects
       podguard rbac --cluster [options]          analyse the cluster of the kubeconfig
       podguard rbac can SUBJECT VERB RESOURCE [PATH|-]... [-n NS] [--group G]...

Join RBAC to Pod Security: who can run pods (directly, through any workload controller, or as
ephemeral containers) in namespaces that enforce privileged or baseline or that Pod Security
Admission exempts; who can relabel namespaces, edit admission webhooks and policies, exec into
pods, reach nodes/proxy, escalate, bind, impersonate, mint service account tokens, read secrets,
approve or sign certificates. Permissions are computed as the RBAC authorizer computes them,
ClusterRole aggregation included. See docs/rbac.md.

Input: the output of
  kubectl get clusterroles,clusterrolebindings,roles,rolebindings,ns,sa -A -o yaml
plus, to know the exemptions and defaults, the cluster's PodSecurityConfiguration (or its
AdmissionConfiguration with the configuration inline), as one more input or with --config.

"can" answers like "kubectl auth can-i VERB RESOURCE --as SUBJECT": SUBJECT is a username
(system:serviceaccount:NS:NAME for a service account, which then has its groups), RESOURCE is
TYPE[.GROUP][/NAME] or a non-resource URL (/healthz); it prints yes or no and the bindings that
grant it. Exit code 0 for yes, 1 for no.

Options:
  -c, --config FILE       podguard.yaml (exceptions, failOn) or a PodSecurityConfiguration
                          (default: ./podguard.yaml if present)
${outputHelp('rbac', '"can" prints text or json', 'text')}  -f, --filename PATH     input, as the PATHs (repeatable)
      --fail-on SEVERITY  exit 1 only for findings at or above it            (default: low)
      --cluster           read the objects from the cluster (kubeconfig) instead of files
      --kubeconfig FILE   kubeconfig for --cluster (default: $KUBECONFIG, ~/.kube/config)
      --context NAME      kubeconfig context for --cluster
  can:
  -n, --namespace NS      the namespace asked about                          (default: default)
  -A, --all-namespaces    ask about all namespaces (namespace "")
      --subresource SUB   the subresource asked about (log, exec, status, …)
      --group GROUP       a group of the subject, as kubectl --as-group (repeatable)
  -h, --help              show this help

Exit codes:
  0  no finding at or above --fail-on that no exception covers ("can": yes)
  1  findings ("can": no)
  2  usage or input error

Examples:
  kubectl get clusterroles,clusterrolebindings,roles,rolebindings,ns,sa -A -o yaml > rbac.yaml
  podguard rbac rbac.yaml psa-config.yaml
  podguard rbac rbac.yaml -o sarif --output-file rbac.sarif
  podguard rbac can system:serviceaccount:ci:deployer create pods -n prod rbac.yaml
  podguard rbac can alice get nodes/node-1 --subresource proxy rbac.yaml
`;

const FORMATS = ['text', 'json', 'sarif', 'html'] as const;

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  ...OUTPUT_OPTIONS,
  ...FILENAME_OPTION,
  'fail-on': { type: 'string' },
  cluster: { type: 'boolean' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  subresource: { type: 'string' },
  group: { type: 'string', multiple: true },
} as const;

/** The list paths of the objects `podguard rbac --cluster` reads. */
const CLUSTER_LISTS = [
  '/apis/rbac.authorization.k8s.io/v1/clusterroles',
  '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
  '/apis/rbac.authorization.k8s.io/v1/roles',
  '/apis/rbac.authorization.k8s.io/v1/rolebindings',
  '/api/v1/namespaces',
  '/api/v1/serviceaccounts',
];

/** The RBAC objects, namespaces and service accounts of a cluster (for rbac --cluster and audit --rbac). */
export async function rbacFromApi(api: KubeApi, podSecurity: PodSecurityConfig | undefined): Promise<LoadedRbac> {
  const batches = [];
  for (const path of CLUSTER_LISTS) {
    try {
      batches.push({ label: `${api.server}${path}`, items: (await listAll(api, path, { limit: 500, maxPages: DEFAULT_MAX_PAGES })).items });
    } catch (e) {
      throw new UsageError(`cannot list ${path}: ${(e as Error).message}`);
    }
  }
  return rbacFromObjects(batches, podSecurity);
}

async function fromCluster(values: { kubeconfig?: string; context?: string }, podSecurity: PodSecurityConfig | undefined): Promise<LoadedRbac> {
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
  return rbacFromApi(api, podSecurity);
}

function canText(a: CanAnswer, color: boolean): string {
  const c = palette(color);
  const lines = [a.decision.allowed ? c.green('yes') : c.red('no')];
  lines.push(
    c.dim(
      `  ${a.user.name} (groups ${a.user.groups.join(', ')}): ${describeRequest(a.request)}${'namespace' in a.request ? (a.request.namespace ? ` in namespace ${a.request.namespace}` : ' cluster-wide') : ''}`,
    ),
  );
  if (a.decision.grants.length === 0 && a.decision.reason) lines.push(`  ${a.decision.reason}`);
  for (const g of a.decision.grants) {
    lines.push(`  allowed by ${upstreamBindingDescription(g.binding, g.subjectIndex)}`);
    lines.push(
      c.dim(
        `    ${g.binding.source.file}:${g.binding.source.line}; rule ${g.ruleIndex} of ${g.role.kind} ${g.role.name} (${g.role.source.file}:${g.role.source.line})${g.role.aggregationRule ? ', after aggregation' : ''}: ${JSON.stringify(g.rule)}`,
      ),
    );
  }
  for (const m of a.decision.missingRoles) lines.push(c.yellow(`  warning: ${m}`));
  for (const w of a.warnings) lines.push(c.yellow(`  warning: ${w}`));
  return `${lines.join('\n')}\n`;
}

/** Writes the report to --output-file (atomically) or standard output. */
async function writeOut(file: string | undefined, text: string): Promise<void> {
  const { out, file: reportFile } = reportOutput(file);
  await withReportFile(reportFile, async () => {
    out.write(text);
    await out.close();
  });
}

function printErrors(errors: readonly InputError[]): void {
  const c = palette(colorEnabled(process.stderr));
  for (const e of errors)
    process.stderr.write(`${c.bold([e.file, e.line].filter((x) => x !== undefined && x !== 0).join(':'))}: ${c.red('error')}: ${e.message}\n`);
}

async function runRbac(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('rbac', argv, OPTIONS);
  const format = outputFormat(FORMATS, values.output, 'text');
  const outputFile = values['output-file'];
  const failOnFlag = parseFailOn(values['fail-on']);
  const settings = loadSettings({ cwd: process.cwd(), ...(values.config !== undefined ? { configPath: values.config } : {}), extraCheckIds: FINDING_IDS });
  const fatal = settings.errors.find((e) => e.fatal);
  if (fatal) throw new UsageError(`${[fatal.file, fatal.line].filter((x) => x !== undefined).join(':')}: ${fatal.message}`);
  const isCan = positionals[0] === 'can';
  const paths = inputPaths(isCan ? positionals.slice(4) : positionals, values.filename);
  if (isCan && positionals.length < 4) throw new UsageError('usage: podguard rbac can SUBJECT VERB RESOURCE [PATH|-]... (see "podguard rbac --help")');
  if (values.cluster && paths.length > 0) throw new UsageError('give either --cluster or paths, not both');
  if (!values.cluster && paths.length === 0)
    throw new UsageError(
      'no input: name the files of a dump (kubectl get clusterroles,clusterrolebindings,roles,rolebindings,ns,sa -A -o yaml), "-" for standard input, or --cluster',
    );
  const inputErrors: InputError[] = [...settings.errors];
  const loaded = values.cluster ? await fromCluster(values, settings.podSecurity) : await loadRbac(resolvePaths(paths, inputErrors), settings.podSecurity);
  const errors = [...inputErrors, ...loaded.errors];
  const withErrors: LoadedRbac = { ...loaded, errors };

  if (isCan) {
    const [, subject, verb, resource] = positionals as [string, string, string, string];
    let answer: CanAnswer;
    try {
      answer = can(loaded.authorizer, {
        subject,
        groups: values.group ?? [],
        verb,
        resource,
        ...(values.subresource !== undefined ? { subresource: values.subresource } : {}),
        ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
        ...(values['all-namespaces'] ? { allNamespaces: true } : {}),
      });
    } catch (e) {
      if (e instanceof CanArgumentError) throw new UsageError(e.message);
      throw e;
    }
    printErrors(errors);
    if (format === 'json') {
      await writeOut(
        outputFile,
        `${JSON.stringify({ schemaVersion: 1, allowed: answer.decision.allowed, reason: answer.decision.reason, user: answer.user, request: answer.request, warnings: answer.warnings, grants: answer.decision.grants.map((g) => ({ binding: { kind: g.binding.kind, namespace: g.binding.namespace, name: g.binding.name, file: g.binding.source.file, line: g.binding.source.line }, role: { kind: g.role.kind, namespace: g.role.namespace, name: g.role.name }, ruleIndex: g.ruleIndex, rule: g.rule })), errors }, null, 2)}\n`,
      );
    } else if (format === 'text') await writeOut(outputFile, canText(answer, outputFile === undefined && colorEnabled()));
    else throw new UsageError('"can" prints text or json');
    if (errors.length > 0) return 2;
    return answer.decision.allowed ? 0 : 1;
  }

  const failOn = failOnFlag ?? settings.failOn;
  const findings = analyse({
    authorizer: loaded.authorizer,
    namespaces: loaded.namespaces,
    exemptions: loaded.podSecurity.exemptions,
    exceptions: settings.exceptions,
    now: Date.now(),
  });
  const summary = summarise(withErrors, findings, failOn);
  if (format !== 'sarif' && format !== 'json') printErrors(errors);
  const text =
    format === 'json'
      ? rbacJson(withErrors, findings, summary)
      : format === 'sarif'
        ? rbacSarif(withErrors, findings, summary)
        : format === 'html'
          ? rbacHtml(withErrors, findings, summary, new Date().toISOString())
          : rbacText(findings, summary, outputFile === undefined && colorEnabled());
  await writeOut(outputFile, text);
  if (errors.length > 0) return 2;
  return findings.some((f) => f.exception?.status !== 'applied' && atLeast(f.severity, failOn)) ? 1 : 0;
}

export const rbacCommand: Command = {
  name: 'rbac',
  synopsis: 'rbac [PATH|-]... | rbac can SUBJECT VERB RESOURCE',
  summary: 'who can run privileged pods where, relabel namespaces or switch admission off (RBAC)',
  help: RBAC_HELP,
  run: runRbac,
};
