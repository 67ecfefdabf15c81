// `podguard scan`: evaluate manifests in files, directories, rendered kustomizations and charts, or stdin.

import { colorEnabled } from '../terminal/color';
import { HtmlScanReporter } from '../report/html';
import { JsonReporter } from '../report/json';
import { JUnitReporter } from '../report/junit';
import { allRules } from '../policies/rules';
import { SarifReporter } from '../report/sarif';
import type { Reporter } from '../report/model';
import { TextReporter } from '../report/text';
import { scanInputs } from '../scan/scan-inputs';
import type { InputError } from '../sources/input-error';
import type { Command } from './command';
import { OUTPUT_OPTIONS, outputFormat, outputHelp } from './conventions';
import { INPUT_HELP, INPUT_OPTIONS, inputsFromOptions, noObjectsMessage } from './input-options';
import { docsPath } from './docs-path';
import { parseCommandArgs } from './options';
import { reportOutput, withReportFile } from './report-file';
import { SETTINGS_HELP, SETTINGS_OPTIONS, settingsFromOptions } from './settings-options';

export const SCAN_HELP = `Usage: podguard scan [PATH|-]... [options]
       podguard scan -f PATH [-f PATH]... [options]

Evaluate the pods in Kubernetes manifests against the Pod Security Standards, exactly as the
built-in Pod Security Admission controller would, plus podguard's hardening policies, and report
each finding at its file and line, riskiest first.

PATHs are files or directories (searched recursively for .yaml, .yml and .json); "-" reads
standard input. A directory holding kustomization.yaml (or .yml, Kustomization) is rendered with
"kustomize build" (or "kubectl kustomize") and one holding Chart.yaml with "helm template"; the
findings name the resource or template file each object comes from. "helm template ... |
podguard scan -" names templates too, from helm's "# Source:" comments. Multi-document YAML,
JSON, "kind: List" and every *List the API or "kubectl get -o yaml" prints are understood. Pods
are found in Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet,
ReplicationController, Job and CronJob objects; other objects are counted and skipped. Files
that are not Kubernetes manifests (compose files, values.yaml, app or CI configuration) are
skipped and counted; when no object with a pod is found at all, podguard says so.

Settings come from the command line, then podguard.yaml (or --config), then the defaults; see
${docsPath('policies/configuration.md')}. Exceptions
there, or in exception.podguard.dev/<check> annotations, mark findings as excepted (shown with
their justification) instead of hiding them. "podguard policies show ID" explains a finding.

Options:
${SETTINGS_HELP}${outputHelp('scan', 'sarif is SARIF 2.1.0 for code\n                         scanning, junit is JUnit XML for CI, html one self-contained page', 'text')}${INPUT_HELP}  -h, --help             show this help

Exit codes:
  0  nothing fails: every finding is excepted, or a policy finding below --fail-on
  1  a pod the Pod Security Standards deny, or a policy finding at or above --fail-on, that
     no exception covers
  2  usage or configuration error, some input could not be read or rendered (the rest is
     still evaluated and reported), or no object with a pod and --fail-if-no-objects

Examples:
  podguard scan k8s/                                 # everything under k8s/, restricted:latest
  podguard scan overlays/prod charts/web             # a kustomize overlay and a Helm chart, rendered
  podguard scan --level baseline --pss-version v1.29 app.yaml
  podguard scan --preset strict --fail-on high k8s/  # every policy; policy findings fail from high
  podguard scan k8s/ -o sarif --output-file podguard.sarif   # upload to code scanning
  podguard scan charts/web --helm-values prod.yaml --helm-set image.tag=1.2
  helm template ./chart | podguard scan -            # rendered charts from stdin, templates named
  kubectl get deploy,sts,ds,cronjobs -A -o yaml | podguard scan - -o json
`;

async function runScan(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('scan', argv, {
    ...SETTINGS_OPTIONS,
    ...OUTPUT_OPTIONS,
    ...INPUT_OPTIONS,
  });
  const loaded = settingsFromOptions(values);
  const format = outputFormat(['text', 'json', 'sarif', 'junit', 'html'], values.output, 'text');
  const earlyErrors: InputError[] = [];
  const { inputs, failIfNoObjects } = inputsFromOptions(values, positionals, loaded, earlyErrors, 'scan', 'scan');
  const { out, file } = reportOutput(values['output-file']);
  const reporter: Reporter =
    format === 'json'
      ? new JsonReporter(out)
      : format === 'sarif'
        ? new SarifReporter(out, allRules(loaded.registry))
        : format === 'junit'
          ? new JUnitReporter(out)
          : format === 'html'
            ? new HtmlScanReporter(out)
            : new TextReporter(out, !file && colorEnabled());
  earlyErrors.unshift(...loaded.errors);
  const run = { preset: loaded.preset, failOn: loaded.failOn, ...(loaded.configFile !== undefined ? { configFile: loaded.configFile } : {}) };
  const summary = await withReportFile(file, () => scanInputs(inputs, earlyErrors, loaded, reporter, run));
  if (summary.evaluated === 0) {
    process.stderr.write(`podguard: ${failIfNoObjects ? 'error' : 'warning'}: ${noObjectsMessage(summary)}\n`);
    if (failIfNoObjects) return 2;
  }
  if (summary.errors > 0) return 2;
  return (summary.failed ?? 0) > 0 ? 1 : 0;
}

export const scanCommand: Command = {
  name: 'scan',
  synopsis: 'scan [PATH|-]...',
  summary: 'evaluate manifests against the Pod Security Standards and hardening policies',
  help: SCAN_HELP,
  run: runScan,
};
