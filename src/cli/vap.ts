// `podguard vap export`: the Pod Security Standards at a level and version as
// ValidatingAdmissionPolicies and bindings (src/vap/pss), for kubectl apply or the API server's
// staticManifestsDir.

import fs from 'node:fs';
import type { InputError } from '../sources/input-error';
import type { SourceObject } from '../sources/parse-documents';
import { readSources } from '../sources/read-sources';
import { isJudged, judgeCreate, offlineSet } from '../vap/offline';
import { exportPss, VALIDATION_ACTIONS, type ValidationAction } from '../vap/pss/export';
import { toJson, toYaml } from '../vap/pss/manifest';
import type { Command } from './command';
import { oneOf, parseCommandArgs, parseLevel, parseVersionOption } from './options';
import { resolvePaths } from './resolve-paths';
import { UsageError } from './usage-error';

export const VAP_HELP = `Usage: podguard vap export [--level baseline|restricted] [--pss-version v1.N|latest] [options]
       podguard vap test PATH... [--policies DIR]... [--as USER] [--as-group G]... [-n NS] [-o text|json]

vap test: judge every object in the PATHs as the API server would judge creating it, by the
ValidatingAdmissionPolicies, bindings and params among the inputs (and in --policies): match
constraints and conditions, params, variables, validations and their messages, validation
actions and failurePolicy, with the API server's own words ("ValidatingAdmissionPolicy 'p' with
binding 'b' denied request: …"). namespaceObject comes from the Namespaces among the inputs, the
authorizer from the RBAC objects among them. Exit 1 when a creation would be denied.

vap export:

Write the Pod Security Standards at one level and version as a ValidatingAdmissionPolicy and its
bindings (admissionregistration.k8s.io/v1), so that the API server enforces them itself, with no
webhook. Every check of that version is there (AppArmor fields and annotations, host probes and
lifecycle hooks, user-namespace relaxations, container_engine_t, Windows pods, ephemeral
containers), and a denial carries Pod Security Admission's own message:

  ValidatingAdmissionPolicy 'podguard-pss-baseline-latest' with binding '…' denied request:
  violates PodSecurity "baseline:latest": privileged (container "app" must not set …)

The bindings select namespaces by their pod-security.kubernetes.io labels, as PSA reads them
(enforce for Deny, warn for Warn, audit for Audit), or every namespace with --namespaces all.
The file's header lists what PSA does that a policy cannot. See docs/cel.md.

Options:
      --level LEVEL          baseline or restricted                          (default: restricted)
      --pss-version V        v1.N or latest                                  (default: latest)
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
  test:
      --policies DIR         more policies, bindings and params (repeatable)
      --as USER              the requesting user                             (default: admin)
      --as-group GROUP       its groups (repeatable)          (default: system:masters, system:authenticated)
  -n, --namespace NS         namespace of objects that name none             (default: default)
  -o, --output FORMAT        text or json                                    (default: text)

Exit codes: export: 0 written, 2 usage error; test: 0 allowed, 1 a creation denied, 2 input error.

Examples:
  podguard vap export --level baseline > pss-baseline.yaml && kubectl apply -f pss-baseline.yaml
  podguard vap export --level restricted --pss-version v1.30 --action Warn --action Audit
  podguard vap export --level baseline --static --output-file /etc/kubernetes/admission/validating-policies/pss.yaml
  podguard vap test k8s/ --policies policies/ --as system:serviceaccount:ci:deployer
`;

const OPTIONS = {
  level: { type: 'string' },
  'pss-version': { type: 'string' },
  action: { type: 'string', multiple: true },
  namespaces: { type: 'string' },
  'exempt-namespace': { type: 'string', multiple: true },
  'exempt-user': { type: 'string', multiple: true },
  'exempt-runtime-class': { type: 'string', multiple: true },
  static: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  'output-file': { type: 'string' },
} as const;

const TEST_OPTIONS = {
  policies: { type: 'string', multiple: true },
  as: { type: 'string' },
  'as-group': { type: 'string', multiple: true },
  namespace: { type: 'string', short: 'n' },
  output: { type: 'string', short: 'o' },
} as const;

const where = (e: { file: string; line?: number }) => [e.file, e.line].filter((x) => x !== undefined && x !== 0).join(':');

async function readAll(paths: readonly string[], errors: InputError[]): Promise<SourceObject[]> {
  const objects: SourceObject[] = [];
  for await (const unit of readSources(resolvePaths(paths, errors))) {
    errors.push(...unit.errors);
    objects.push(...unit.objects);
  }
  return objects;
}

async function runTest(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('vap', argv, TEST_OPTIONS);
  if (positionals.length === 0) throw new UsageError('vap test needs PATHs to judge (see "podguard vap --help")');
  const format = oneOf('output format', values.output, ['text', 'json'] as const, 'text');
  const errors: InputError[] = [];
  const judged = await readAll(positionals, errors);
  const extra = values.policies?.length ? await readAll(values.policies, errors) : [];
  const all = [...judged, ...extra];
  const set = offlineSet(all);
  // An expression that does not compile is an input error at the policy's line.
  for (const src of all) {
    const o = src.object as unknown as { kind?: string; metadata?: { name?: string } };
    if (o.kind !== 'ValidatingAdmissionPolicy') continue;
    const policy = set.set.policies.get(String(o.metadata?.name ?? ''));
    if (policy === undefined) continue;
    const parts = [
      ...policy.matchConditions.map((m, i) => ({ at: `spec.matchConditions[${i}].expression`, error: m.error })),
      ...policy.variables.map((v, i) => ({ at: `spec.variables[${i}].expression`, error: v.error })),
      ...policy.validations.map((v, i) => ({ at: `spec.validations[${i}].expression`, error: v.error })),
      ...policy.auditAnnotations.map((a, i) => ({ at: `spec.auditAnnotations[${i}].valueExpression`, error: a.error })),
    ];
    for (const p of parts)
      if (p.error !== undefined)
        errors.push({ file: src.file, line: src.line, message: `ValidatingAdmissionPolicy ${JSON.stringify(policy.name)} ${p.at}: ${p.error}` });
  }
  const user = { username: values.as ?? 'admin', groups: values['as-group'] ?? ['system:masters', 'system:authenticated'] };
  const results = judged
    .filter((src) => isJudged(src.object as unknown as Record<string, unknown>))
    .map((src) => ({ src, outcome: judgeCreate(set, src.object as unknown as Record<string, unknown>, user, values.namespace ?? 'default') }));
  const denied = results.filter((r) => !r.outcome.allowed).length;
  if (format === 'json') {
    const out = {
      policies: set.policyCount,
      bindings: set.bindingCount,
      results: results.map((r) => ({
        source: { file: r.src.file, line: r.src.line },
        object: {
          apiVersion: r.src.object.apiVersion,
          kind: r.src.object.kind,
          name: r.src.object.metadata?.name,
          namespace: r.src.object.metadata?.namespace,
        },
        allowed: r.outcome.allowed,
        ...(r.outcome.status ? { status: r.outcome.status } : {}),
        warnings: r.outcome.warnings,
        auditAnnotations: r.outcome.auditAnnotations,
        decisions: r.outcome.decisions,
      })),
      errors,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    for (const r of results) {
      const label = `${where(r.src)}  ${r.src.object.kind} ${r.src.object.metadata?.name ?? ''}`;
      if (r.outcome.status) process.stdout.write(`${label}\n  denied (${r.outcome.status.code} ${r.outcome.status.reason}): ${r.outcome.status.message}\n`);
      for (const w of r.outcome.warnings) process.stdout.write(`${label}\n  warning: ${w}\n`);
      for (const d of r.outcome.decisions.filter((x) => x.action === 'Audit')) process.stdout.write(`${label}\n  audit: ${d.message}\n`);
    }
    process.stdout.write(`${results.length} objects judged by ${set.policyCount} policies and ${set.bindingCount} bindings: ${denied} denied\n`);
    for (const e of errors) process.stderr.write(`${where(e)}: error: ${e.message}\n`);
  }
  return errors.length > 0 ? 2 : denied > 0 ? 1 : 0;
}

async function runVap(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'test') return runTest(rest);
  if (sub !== 'export')
    throw new UsageError(
      `${sub === undefined ? 'missing subcommand' : `unknown subcommand ${JSON.stringify(sub)}`}: use "podguard vap export" or "podguard vap test" (see "podguard vap --help")`,
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
    version: parseVersionOption(values['pss-version']),
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
  synopsis: 'vap export [--level L] | vap test PATH...',
  summary: 'the Pod Security Standards as ValidatingAdmissionPolicies; judge manifests by ValidatingAdmissionPolicies offline',
  help: VAP_HELP,
  run: runVap,
};
