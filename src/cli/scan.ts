// `podguard scan`: evaluate manifests in files, directories or stdin.

import { colorEnabled } from '../terminal/color';
import { HtmlScanReporter } from '../report/html';
import { JsonReporter } from '../report/json';
import { JUnitReporter } from '../report/junit';
import { allRules } from '../policies/rules';
import { SarifReporter } from '../report/sarif';
import type { Reporter } from '../report/model';
import { TextReporter } from '../report/text';
import { resolvePaths } from './resolve-paths';
import { scanInputs } from '../scan/scan-inputs';
import type { InputError } from '../sources/input-error';
import type { Command } from './command';
import { SETTINGS_HELP, SETTINGS_OPTIONS, settingsFromOptions } from './settings-options';
import { oneOf, parseCommandArgs } from './options';
import { UsageError } from './usage-error';

export const SCAN_HELP = `Usage: podguard scan [PATH|-]... [options]

Evaluate the pods in Kubernetes manifests against the Pod Security Standards, exactly as the
built-in Pod Security Admission controller would, plus podguard's hardening policies, and report
each finding at its file and line, riskiest first.

PATHs are files or directories (searched recursively for .yaml, .yml and .json); "-" reads
standard input. Multi-document YAML, JSON, "kind: List" and the *List kinds that
"kubectl get -o yaml" prints are understood. Pods are found in Pod, PodTemplate, Deployment,
StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job and CronJob objects; other
objects are counted and skipped.

Settings come from the command line, then podguard.yaml (or --config), then the defaults; see
docs/policies/configuration.md. Exceptions there, or in exception.podguard.dev/<check>
annotations, mark findings as excepted (shown with their justification) instead of hiding them.

Options:
${SETTINGS_HELP}  -f, --format FORMAT    text, json, sarif (SARIF 2.1.0 for code scanning) or
                         junit (JUnit XML for CI test reports)             (default: text)
  -h, --help             show this help

Exit codes:
  0  nothing fails: every finding is excepted or below --fail-on
  1  at least one finding at or above --fail-on that no exception covers
  2  usage or configuration error, or some input could not be read (the rest is still
     evaluated and reported)

Examples:
  podguard scan k8s/                                 # everything under k8s/, restricted:latest
  podguard scan --level baseline --version v1.29 app.yaml
  podguard scan --preset strict --fail-on high k8s/  # every policy; fail only on high/critical
  podguard scan k8s/ --format sarif > podguard.sarif # upload to code scanning
  helm template ./chart | podguard scan -            # rendered charts from stdin
  kubectl get deploy,sts,ds,cronjobs -A -o yaml | podguard scan - --format json
`;

const FORMATS = ['text', 'json', 'sarif', 'junit', 'html'] as const;

async function runScan(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('scan', argv, {
    ...SETTINGS_OPTIONS,
    format: { type: 'string', short: 'f' },
  });
  const loaded = settingsFromOptions(values);
  const format = oneOf('format', values.format, FORMATS, 'text');
  if (positionals.length === 0) throw new UsageError('no paths given: name files or directories to scan, or "-" for standard input (see "podguard scan --help")');
  const earlyErrors: InputError[] = [];
  const inputs = resolvePaths(positionals, earlyErrors);
  const reporter: Reporter =
    format === 'json' ? new JsonReporter() : format === 'sarif' ? new SarifReporter(undefined, allRules(loaded.registry)) : format === 'junit' ? new JUnitReporter() : format === 'html' ? new HtmlScanReporter() : new TextReporter(undefined, colorEnabled());
  earlyErrors.unshift(...loaded.errors);
  const run = { preset: loaded.preset, failOn: loaded.failOn, ...(loaded.configFile !== undefined ? { configFile: loaded.configFile } : {}) };
  const summary = await scanInputs(inputs, earlyErrors, loaded, reporter, run);
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
