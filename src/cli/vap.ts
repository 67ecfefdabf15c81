// `podguard vap export`: the Pod Security Standards at a level and version as
// ValidatingAdmissionPolicies and bindings (src/vap/pss), for kubectl apply or the API server's
// staticManifestsDir.

import fs from 'node:fs';
import { exportPss, VALIDATION_ACTIONS, type ValidationAction } from '../vap/pss/export';
import { toJson, toYaml } from '../vap/pss/manifest';
import type { Command } from './command';
import { oneOf, parseCommandArgs, parseLevel, parseVersionOption } from './options';
import { UsageError } from './usage-error';

export const VAP_HELP = `Usage: podguard vap export [--level baseline|restricted] [--version v1.N|latest] [options]

Write the Pod Security Standards at one level and version as a ValidatingAdmissionPolicy and its
bindings (admissionregistration.k8s.io/v1), so that the API server enforces them itself, with no
webhook. Every check of that version is there (AppArmor fields and annotations, host probes and
lifecycle hooks, user-namespace relaxations, container_engine_t, Windows pods, ephemeral
containers), and a denial carries Pod Security Admission's own message:

  ValidatingAdmissionPolicy 'podguard-pss-baseline-latest' with binding '…' denied request:
  violates PodSecurity "baseline:latest": privileged (container "app" must not set …)

The bindings select namespaces by their pod-security.kubernetes.io labels, as PSA reads them
(enforce for Deny, warn for Warn, audit for Audit), or every namespace with --namespaces all.
The file's header lists what PSA does that a policy cannot. See docs/vap-sections.md.

Options:
      --level LEVEL          baseline or restricted                          (default: restricted)
      --version V            v1.N or latest                                  (default: latest)
      --action A             the bindings' validationActions: Deny, Warn, Audit
                             (repeatable; default: Deny)
      --namespaces MODE      label (by the PSA label) or all                 (default: label)
      --exempt-namespace NS  leave a namespace out (repeatable)
      --exempt-user NAME     leave requests by this user out (repeatable)
      --exempt-runtime-class NAME  leave pods of this runtime class out (repeatable)
      --static               names ending in .static.k8s.io, for the API server's staticManifestsDir
  -o, --output FORMAT        yaml or json (a List)                           (default: yaml)
      --output-file FILE     write there instead of stdout
  -h, --help                 show this help

Exit codes: 0 written, 2 usage error.

Examples:
  podguard vap export --level baseline > pss-baseline.yaml && kubectl apply -f pss-baseline.yaml
  podguard vap export --level restricted --version v1.30 --action Warn --action Audit
  podguard vap export --level baseline --static --output-file /etc/kubernetes/admission/validating-policies/pss.yaml
`;

const OPTIONS = {
  level: { type: 'string' },
  version: { type: 'string' },
  action: { type: 'string', multiple: true },
  namespaces: { type: 'string' },
  'exempt-namespace': { type: 'string', multiple: true },
  'exempt-user': { type: 'string', multiple: true },
  'exempt-runtime-class': { type: 'string', multiple: true },
  static: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  'output-file': { type: 'string' },
} as const;

async function runVap(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'export')
    throw new UsageError(
      `${sub === undefined ? 'missing subcommand' : `unknown subcommand ${JSON.stringify(sub)}`}: use "podguard vap export" (see "podguard vap --help")`,
    );
  const { values, positionals } = parseCommandArgs('vap', rest, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (see "podguard vap --help")`);
  const level = parseLevel(values.level);
  if (level === 'privileged') throw new UsageError('the privileged level allows everything: there is no policy to export; use baseline or restricted');
  const actions = (values.action ?? ['Deny']).map((a) => oneOf<ValidationAction>('action', a, VALIDATION_ACTIONS, 'Deny'));
  if (actions.includes('Deny') && actions.includes('Warn'))
    throw new UsageError('--action Deny and Warn together are not allowed by the API server: choose one');
  const options = {
    level,
    version: parseVersionOption(values.version),
    actions: [...new Set(actions)],
    namespaces: oneOf('namespaces mode', values.namespaces, ['label', 'all'] as const, 'label'),
    static: values.static === true,
    exemptNamespaces: values['exempt-namespace'] ?? [],
    exemptUsernames: values['exempt-user'] ?? [],
    exemptRuntimeClasses: values['exempt-runtime-class'] ?? [],
  };
  const format = oneOf('output format', values.output, ['yaml', 'json'] as const, 'yaml');
  const objects = exportPss(options);
  const text = format === 'json' ? toJson(objects) : toYaml(objects, options);
  if (values['output-file'] !== undefined) fs.writeFileSync(values['output-file'], text);
  else process.stdout.write(text);
  return 0;
}

export const vapCommand: Command = {
  name: 'vap',
  synopsis: 'vap export [--level L] [--version V]',
  summary: 'the Pod Security Standards as ValidatingAdmissionPolicies and bindings',
  help: VAP_HELP,
  run: runVap,
};
