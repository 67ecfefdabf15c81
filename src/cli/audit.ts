// `podguard audit`: the Pod Security state of a live cluster (or of `kubectl get -o json` output):
// each namespace's Pod Security Admission labels, every workload's verdict at them, what baseline
// and restricted would break, the strictest level each namespace could enforce today, and the
// hardening policy findings.

import { clientTransport, connect, DEFAULT_MAX_RESPONSE_BYTES, KubeConfigError } from '../kube/client';
import { PolicyReportApplier, TeeReporter } from '../audit/apply-reports';
import type { AuditOptions } from '../audit/audit-namespace';
import { ClusterSource } from '../audit/cluster-source';
import { FileSource } from '../audit/file-source';
import { KubeApi } from '../kube/kube-api';
import { DEFAULT_MAX_PAGES } from '../kube/list-pages';
import type { AuditReporter } from '../audit/model';
import { describeError } from '../audit/output/describe';
import { HtmlAuditReporter } from '../audit/output/html';
import { JsonAuditReporter } from '../audit/output/json';
import { TextAuditReporter } from '../audit/output/text';
import { ProgressBar } from '../audit/progress';
import { runAudit } from '../audit/run-audit';
import type { AuditSource } from '../audit/source';
import { parsePreset } from './settings-options';
import { loadSettings, type LoadedSettings } from '../config/load';
import { mergeExemptions } from '../psa/exemptions';
import { DEFAULT_POD_SECURITY_CONFIG, type PodSecurityConfig } from '../psa/pod-security-configuration';
import { parseVersion } from '../pss/version';
import { colorEnabled } from '../terminal/color';
import { Output } from '../report/output';
import { PolicyReportAuditReporter } from '../audit/output/policyreport';
import { rbacSectionText } from '../audit/output/rbac-section';
import { analyse } from '../rbac/analyse';
import { FINDING_IDS } from '../rbac/finding-kinds';
import { loadRbac } from '../rbac/load';
import { rbacNamespaceViews, type RbacNamespaceView } from '../rbac/namespace-view';
import { rbacFromApi } from './rbac';
import type { InputError } from '../sources/input-error';
import type { Command } from './command';
import { inputPaths, OUTPUT_OPTIONS, outputFormat } from './conventions';
import { INPUT_OPTIONS, inputsFromOptions, noObjectsMessage } from './input-options';
import { parseCommandArgs } from './options';
import { reportOutput } from './report-file';
import { UsageError } from './usage-error';
import { inventoryRegistry } from './settings-options';

export const AUDIT_HELP = `Usage: podguard audit [options]              audit the cluster of the current kubeconfig context
       podguard audit [FILE|-]... [options]     audit kubectl output or manifests, offline

Report the Pod Security state of a cluster: for each namespace, the Pod Security Admission
labels it carries and what they enforce, audit and warn; the verdict of every workload at that
level; what the baseline and restricted levels would break; the strictest level every workload
meets today; and podguard's hardening policy findings, with severities and exceptions.

Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs and
CronJobs are read, including workloads scaled to zero. Pods owned by a controller are folded into
it, so one broken Deployment is one finding. Namespaces or resources you may not list are
reported and the audit goes on. Offline, the same report comes from
  kubectl get pods,deploy,sts,ds,rs,rc,jobs,cronjobs,ns -A -o json | podguard audit -

Cluster:
      --kubeconfig FILE       kubeconfig to use     (default: $KUBECONFIG, then ~/.kube/config)
      --context NAME          kubeconfig context    (default: the current context)
  -n, --namespace NS          audit only this namespace (repeatable, or comma-separated)
  -A, --all-namespaces        audit every namespace (the default)
      --chunk-size N          objects per page when listing                      (default: 500)
      --concurrency N         API requests in flight at once                     (default: 4)
      --request-timeout SECS  give up on a request after this long               (default: 60)
      --retries N             retries of a request that failed transiently       (default: 3)
      --max-pages N           pages read from one list before giving up on it    (default: 10000)
      --max-response-size N   largest API response read, in bytes or with Ki, Mi
                              or Gi (a larger one is an error naming it)         (default: 64Mi)
      --apply-reports         also write the PolicyReports to the cluster (server-side apply;
                              needs the wgpolicyk8s.io CRDs of Policy Reporter or Kyverno)
      --rbac                  add the RBAC view per namespace (who can run pods there, who can
                              relabel it; text and json; see docs/rbac.md). Offline, the input
                              must include the RBAC objects (kubectl get ... clusterroles,
                              clusterrolebindings,roles,rolebindings,sa)

Offline (FILEs are read as "podguard scan" reads them: kustomizations and charts rendered):
      --cluster-version v1.N  the Kubernetes version the input came from: Pod Security
                              Admission evaluates "latest" as its own version (default: newest)
  -f, --filename PATH         a file or directory to read, as in kubectl (repeatable)
      --ignore PATTERN        gitignore-style pattern left out of directory walks (repeatable)
      --helm-values FILE      values file for every chart rendered (repeatable)
      --helm-set K=V          value for every chart rendered (repeatable)
      --helm-binary PATH      helm to render charts with              (default: helm on PATH)
      --kustomize-binary PATH kustomize or kubectl to render kustomizations with
      --fail-if-no-objects    exit 2 when the input holds no object with a pod

Settings and output:
  -c, --config FILE           podguard.yaml (policies, severities, exceptions) or the cluster's
                              PodSecurityConfiguration / AdmissionConfiguration (its defaults
                              and exemptions)          (default: ./podguard.yaml if present)
      --preset PRESET         hardening policies: pss (none), recommended or strict
                                                                            (default: recommended)
  -o, --output FORMAT         text, json, html (one self-contained page with charts) or
                              policyreport (wgpolicyk8s.io/v1alpha2 YAML)   (default: text;
                              --format is a deprecated name for it)
      --output-file FILE      write the report to FILE (replaced atomically) instead of stdout
                              (-o FILE and --output FILE still mean this, with a warning, for
                              one release)
  -h, --help                  show this help

A progress bar is drawn on stderr when it is a terminal.

Exit codes:
  0  no workload violates the level its namespace enforces
  1  some workload violates it (its pods are rejected when recreated)
  2  usage error, or something could not be read (the rest is still audited and reported)

Examples:
  podguard audit                                     # the whole cluster, as a table
  podguard audit -n shop -n payments -o json
  podguard audit -o html --output-file audit.html    # charts and a sortable table
  podguard audit -o policyreport | kubectl apply -f -
  kubectl get pods,deploy,sts,ds,rs,rc,jobs,cronjobs,ns -A -o json > cluster.json
  podguard audit -f cluster.json --cluster-version v1.30 -o html --output-file audit.html
  podguard audit overlays/prod                       # a kustomization, rendered, offline
`;

const FORMATS = ['text', 'json', 'html', 'policyreport'] as const;
type Format = (typeof FORMATS)[number];
// (audit's --output was the report file; conventions.ts turns `--output FILE` into --output-file.)
/** Formats that write while auditing: a progress bar on the same terminal would garble them. */
const STREAMING: ReadonlySet<Format> = new Set(['json', 'policyreport']);

function positiveInt(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min} (got ${JSON.stringify(text)})`);
  return n;
}

function positiveSeconds(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a number of seconds above 0 (got ${JSON.stringify(text)})`);
  return n;
}

/** `--max-response-size`: a whole number of bytes, or of Ki, Mi or Gi (as Kubernetes quantities write them). */
function byteSize(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const units: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };
  const unit = Object.keys(units).find((u) => text.endsWith(u));
  const digits = unit ? text.slice(0, -unit.length) : text;
  const n = digits !== '' && [...digits].every((c) => c >= '0' && c <= '9') ? Number(digits) * (unit ? units[unit]! : 1) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a whole number of bytes, optionally with Ki, Mi or Gi, for example 64Mi (got ${JSON.stringify(text)})`);
  return n;
}

function parseNamespaces(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const names = values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--namespace needs a name');
  return names;
}

function reporterFor(format: Format, out: Output, color: boolean, rbac: readonly RbacNamespaceView[] | undefined): AuditReporter {
  switch (format) {
    case 'json':
      return new JsonAuditReporter(out, rbac ? { rbac } : {});
    case 'html':
      return new HtmlAuditReporter(out);
    case 'policyreport':
      return new PolicyReportAuditReporter(out);
    default:
      return new TextAuditReporter(out, color);
  }
}

/**
 * The cluster's PodSecurityConfiguration when --config names one. Its errors are the ones scan
 * and serve report for the same file (one reader, src/config/pod-security-configuration.ts); the
 * audit does not run on a configuration the API server would refuse.
 */
function psaConfig(loaded: LoadedSettings): PodSecurityConfig {
  if (loaded.configKind !== 'PodSecurityConfiguration' || !loaded.podSecurity) return DEFAULT_POD_SECURITY_CONFIG;
  if (loaded.errors.length > 0) {
    const lines = loaded.errors.map((e) => `${[e.file, e.line].filter((x) => x !== undefined).join(':')}: ${e.message}`);
    throw new UsageError(`the configuration has errors; podguard audit did not run:\n  ${lines.join('\n  ')}`);
  }
  return loaded.podSecurity;
}

async function runAuditCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('audit', argv, {
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    namespace: { type: 'string', short: 'n', multiple: true },
    'all-namespaces': { type: 'boolean', short: 'A' },
    'chunk-size': { type: 'string' },
    concurrency: { type: 'string' },
    'request-timeout': { type: 'string' },
    retries: { type: 'string' },
    'max-pages': { type: 'string' },
    'max-response-size': { type: 'string' },
    'apply-reports': { type: 'boolean' },
    'cluster-version': { type: 'string' },
    config: { type: 'string', short: 'c' },
    preset: { type: 'string' },
    ...OUTPUT_OPTIONS,
    ...INPUT_OPTIONS,
    rbac: { type: 'boolean' },
  });
  const format = outputFormat(FORMATS, values.output, 'text');
  const paths = inputPaths(positionals, values.filename);
  if (values.rbac && format !== 'text' && format !== 'json')
    throw new UsageError('--rbac adds a section to the text and json reports; for HTML use "podguard rbac -o html"');
  const namespaces = parseNamespaces(values.namespace);
  if (namespaces && values['all-namespaces']) throw new UsageError('--namespace and --all-namespaces cannot be used together');
  const offline = paths.length > 0;
  if (offline) {
    for (const flag of [
      'kubeconfig',
      'context',
      'apply-reports',
      'chunk-size',
      'concurrency',
      'request-timeout',
      'retries',
      'max-pages',
      'max-response-size',
    ] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} is for auditing a cluster; it cannot be used with input files`);
    }
  } else if (values['cluster-version'] !== undefined) {
    throw new UsageError('--cluster-version is for offline input; a cluster reports its own version');
  }
  let serverMinor: number | undefined;
  if (values['cluster-version'] !== undefined) {
    const v = parseVersion(values['cluster-version']);
    if (typeof v !== 'number') throw new UsageError(`invalid --cluster-version ${JSON.stringify(values['cluster-version'])}: use v1.N, for example v1.30`);
    serverMinor = v;
  }

  const preset = parsePreset(values.preset);
  const settingsOptions = {
    cwd: process.cwd(),
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    ...(preset ? { preset } : {}),
    extraCheckIds: FINDING_IDS,
  };
  let loaded = loadSettings(settingsOptions);
  // podguard.yaml's `profiles:`: the Localhost reference check gets the inventory.
  const withInventory = loaded.errors.some((e) => e.fatal) ? undefined : inventoryRegistry(loaded);
  if (withInventory) loaded = loadSettings({ ...settingsOptions, registry: withInventory });
  const fatal = loaded.errors.find((e) => e.fatal);
  if (fatal) throw new UsageError(`${[fatal.file, fatal.line].filter((x) => x !== undefined).join(':')}: ${fatal.message}`);
  const psa = psaConfig(loaded);
  const exemptions = loaded.base.exemptions;
  const options: AuditOptions = {
    defaults: psa.defaults,
    exemptions: exemptions ? mergeExemptions(psa.exemptions, exemptions) : psa.exemptions,
    settingsFor: (ns) => loaded.settingsFor(ns),
  };

  let source: AuditSource;
  let api: KubeApi | undefined;
  let rbacInput: Promise<import('../rbac/load').LoadedRbac> | undefined;
  let files: FileSource | undefined;
  let failIfNoObjects = false;
  if (offline) {
    const early: InputError[] = [];
    const resolved = inputsFromOptions(values, positionals, loaded, early, 'audit', 'audit');
    failIfNoObjects = resolved.failIfNoObjects;
    if (values.rbac) rbacInput = loadRbac(resolved.inputs, psa);
    source = files = new FileSource(resolved.inputs, early, { ...(namespaces ? { namespaces } : {}), ...(serverMinor !== undefined ? { serverMinor } : {}) });
  } else {
    for (const flag of ['ignore', 'helm-values', 'helm-set', 'helm-binary', 'kustomize-binary', 'fail-if-no-objects'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} is for input files; a cluster is read through its API`);
    }
    let conn;
    try {
      conn = connect({
        ...(values.kubeconfig !== undefined ? { kubeconfig: values.kubeconfig } : {}),
        ...(values.context !== undefined ? { context: values.context } : {}),
      });
    } catch (e) {
      if (e instanceof KubeConfigError) throw new UsageError(e.message);
      throw e;
    }
    const concurrency = positiveInt('concurrency', values.concurrency, 4);
    const maxResponseBytes = byteSize('max-response-size', values['max-response-size'], DEFAULT_MAX_RESPONSE_BYTES);
    api = new KubeApi(clientTransport(conn, { maxResponseBytes }), {
      concurrency,
      retries: positiveInt('retries', values.retries, 3, 0),
      timeoutMs: positiveSeconds('request-timeout', values['request-timeout'], 60) * 1000,
    });
    if (values.rbac) rbacInput = rbacFromApi(api, psa);
    source = new ClusterSource(api, {
      ...(namespaces ? { namespaces } : {}),
      chunkSize: positiveInt('chunk-size', values['chunk-size'], 500),
      maxPages: positiveInt('max-pages', values['max-pages'], DEFAULT_MAX_PAGES),
      window: concurrency,
      context: conn.context,
    });
  }

  for (const e of loaded.errors) process.stderr.write(`podguard: ${[e.file, e.line].filter((x) => x !== undefined).join(':')}: ${e.message}\n`);
  const { out, file, toTerminal } = reportOutput(values['output-file']);
  let rbacViews: RbacNamespaceView[] | undefined;
  if (rbacInput) {
    const rbac = await rbacInput;
    for (const e of rbac.errors) process.stderr.write(`podguard: ${[e.file, e.line].filter((x) => x !== undefined && x !== 0).join(':')}: ${e.message}\n`);
    const findings = analyse({
      authorizer: rbac.authorizer,
      namespaces: rbac.namespaces,
      exemptions: rbac.podSecurity.exemptions,
      exceptions: loaded.exceptions,
      now: Date.now(),
    });
    rbacViews = rbacNamespaceViews(rbac, findings).filter((v) => !namespaces || namespaces.includes(v.namespace));
  }
  let reporter = reporterFor(format, out, !file && colorEnabled(), rbacViews);
  const applier = values['apply-reports'] && api ? new PolicyReportApplier(api) : undefined;
  if (applier) reporter = new TeeReporter(applier, reporter);
  const progress = STREAMING.has(format) && toTerminal ? undefined : ProgressBar.forTerminal();

  let run;
  try {
    run = await runAudit(source, options, reporter, progress);
    if (rbacViews && format === 'text') {
      out.write(rbacSectionText(rbacViews, !file && colorEnabled()));
      await out.close();
    }
    await file?.commit();
  } catch (e) {
    file?.discard();
    throw e;
  }
  if (applier) {
    for (const e of applier.errors) process.stderr.write(`podguard: ${describeError(e)}\n`);
    process.stderr.write(`podguard: applied ${applier.applied} policy ${applier.applied === 1 ? 'report' : 'reports'}\n`);
  }
  if (files && files.withPods === 0) {
    const message = noObjectsMessage({ files: files.inputsRead, objects: 0, notManifests: files.notManifests });
    process.stderr.write(`podguard: ${failIfNoObjects ? 'error' : 'warning'}: ${message}\n`);
    if (failIfNoObjects) return 2;
  }
  if (run.summary.errors > 0 || loaded.errors.length > 0 || (applier?.errors.length ?? 0) > 0) return 2;
  return run.summary.failingEnforce > 0 ? 1 : 0;
}

export const auditCommand: Command = {
  name: 'audit',
  synopsis: 'audit [FILE|-]...',
  summary: 'audit a cluster: Pod Security levels, what stricter levels break, reports',
  help: AUDIT_HELP,
  run: runAuditCommand,
};
