// `podguard scan`: evaluate manifests in files, directories or stdin.

import { parseArgs } from 'node:util';
import { colorEnabled } from '../report/color';
import { JsonReporter } from '../report/json';
import type { Reporter } from '../report/model';
import { TextReporter } from '../report/text';
import { scanInputs } from '../scan/scan-inputs';
import type { InputError } from '../sources/input-error';
import { MissingPathError, resolveInputs } from '../sources/inputs';
import type { Command } from './command';
import { oneOf, parseLevel, parseVersionOption } from './options';
import { UsageError } from './usage-error';

export const SCAN_HELP = `Usage: podguard scan [PATH|-]... [options]

Evaluate the pods in Kubernetes manifests against the Pod Security Standards, exactly as the
built-in Pod Security Admission controller would, and report each violation at its file and line.

PATHs are files or directories (searched recursively for .yaml, .yml and .json); "-" reads
standard input. Multi-document YAML, JSON, "kind: List" and the *List kinds that
"kubectl get -o yaml" prints are understood. Pods are found in Pod, PodTemplate, Deployment,
StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job and CronJob objects; other
objects are counted and skipped.

Options:
  -l, --level LEVEL      privileged, baseline or restricted               (default: restricted)
  -v, --version VERSION  policy version: v1.0 … v1.37 or latest; newer
                         versions are evaluated as the newest known        (default: latest)
  -f, --format FORMAT    text or json                                      (default: text)
  -h, --help             show this help

Exit codes:
  0  every pod is allowed
  1  at least one pod violates the level
  2  usage error, or some input could not be read (the rest is still evaluated and reported)

Examples:
  podguard scan k8s/                                 # everything under k8s/, restricted:latest
  podguard scan --level baseline --version v1.29 app.yaml
  helm template ./chart | podguard scan -            # rendered charts from stdin
  kubectl get deploy,sts,ds,cronjobs -A -o yaml | podguard scan - --format json
`;

const FORMATS = ['text', 'json'] as const;

async function runScan(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        level: { type: 'string', short: 'l' },
        version: { type: 'string', short: 'v' },
        format: { type: 'string', short: 'f' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional argument.*$/, '')}\n(see "podguard scan --help")`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(SCAN_HELP);
    return 0;
  }
  const profile = { level: parseLevel(values.level), version: parseVersionOption(values.version) };
  const format = oneOf('format', values.format, FORMATS, 'text');
  if (positionals.length === 0) throw new UsageError('no paths given: name files or directories to scan, or "-" for standard input (see "podguard scan --help")');
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('"-" (standard input) may be given only once');
  const earlyErrors: InputError[] = [];
  let inputs;
  try {
    inputs = resolveInputs(positionals, earlyErrors);
  } catch (e) {
    if (e instanceof MissingPathError) throw new UsageError(e.message);
    throw e;
  }
  const reporter: Reporter = format === 'json' ? new JsonReporter() : new TextReporter(undefined, colorEnabled());
  const summary = await scanInputs(inputs, earlyErrors, { profile }, reporter);
  if (summary.errors > 0) return 2;
  return summary.denied > 0 ? 1 : 0;
}

export const scanCommand: Command = {
  name: 'scan',
  synopsis: 'scan [PATH|-]...',
  summary: 'evaluate manifests against the Pod Security Standards',
  help: SCAN_HELP,
  run: runScan,
};
