// Kubernetes' PodSecurityConfiguration: the cluster-wide part of Pod Security Admission (the
// policy of namespaces without labels, and the exemptions). The one validator every door uses:
// scan's --config, serve's --config and audit's --config all come here, through
// src/config/pod-security-configuration.ts, which maps each error's field path to a line.
//
// Upstream (staging/src/k8s.io/pod-security-admission/admission/api/):
//   v1/types.go, v1beta1/, v1alpha1/    the same fields in every version
//   v1/defaults.go                      SetDefaults_PodSecurityDefaults: unset or "" is privileged / latest
//   validation/validation.go            ValidatePodSecurityConfiguration: the checks and their order
//   scheme/scheme.go, load/load.go      decoded strictly: unknown fields are errors
//
// Errors are values keyed by field path, relative to the PodSecurityConfiguration itself (so the
// same file gives the same messages alone or inside an AdmissionConfiguration). Validation errors
// are upstream's field errors, word for word. Upstream's decoder stops at the first field it cannot
// decode and prints Go type names; here every such problem is reported with its path instead
// (`unknown field "defaults.foo"`, `defaults.enforce: must be a string`) and validation still runs
// over the rest, so one pass shows everything.

import { isLevel } from '../pss/levels';
import { dns1123LabelProblems, dns1123SubdomainProblems } from './dns-names';
import type { Exemptions } from './exemptions';
import { fieldErrorString, fieldPathString, type FieldError, type FieldPath } from './field-error';
import { LEVEL_ERROR, parsePolicyVersion, VERSION_ERROR, type LevelVersion, type NamespacePolicy } from './namespace-policy';
import { isMapping } from '../k8s/types';

export interface PodSecurityConfig {
  readonly defaults: NamespacePolicy;
  readonly exemptions: Exemptions;
}

/** One problem: where (to find its line) and upstream's text (which names the path itself). */
export interface PodSecurityConfigError {
  readonly path: FieldPath;
  readonly message: string;
  /** The problem is the key at `path` (an unknown field), not its value. */
  readonly key?: boolean;
}

export const PSA_CONFIG_KIND = 'PodSecurityConfiguration';
export const PSA_CONFIG_API_VERSIONS: readonly string[] = [
  'pod-security.admission.config.k8s.io/v1',
  'pod-security.admission.config.k8s.io/v1beta1',
  'pod-security.admission.config.k8s.io/v1alpha1',
];

const PRIVILEGED_LATEST: LevelVersion = Object.freeze({ level: 'privileged', version: 'latest' });

/** What kube-apiserver uses without a configuration (load.go): privileged:latest for every mode, no exemptions. */
export const DEFAULT_POD_SECURITY_CONFIG: PodSecurityConfig = Object.freeze({
  defaults: Object.freeze({ enforce: PRIVILEGED_LATEST, audit: PRIVILEGED_LATEST, warn: PRIVILEGED_LATEST }),
  exemptions: Object.freeze({ usernames: new Set<string>(), namespaces: new Set<string>(), runtimeClasses: new Set<string>() }),
});

const TOP_FIELDS = ['apiVersion', 'kind', 'defaults', 'exemptions'];
/** ValidatePodSecurityConfiguration checks the modes in this order (enforce, warn, audit). */
const VALIDATION_ORDER = ['enforce', 'warn', 'audit'] as const;
const DEFAULTS_FIELDS = VALIDATION_ORDER.flatMap((m) => [m, `${m}-version`]);
const EXEMPTION_FIELDS = ['usernames', 'namespaces', 'runtimeClasses'];

class Collector {
  readonly errors: PodSecurityConfigError[] = [];
  private readonly seen = new Set<string>();

  add(path: FieldPath, message: string, key = false): void {
    // ErrorList.ToAggregate drops repeated messages; so does this.
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.errors.push(key ? { path, message, key } : { path, message });
  }

  field(path: FieldPath, e: Omit<FieldError, 'field'>): void {
    this.add(path, fieldErrorString({ ...e, field: fieldPathString(path) }));
  }

  unknownFields(value: Readonly<Record<string, unknown>>, at: FieldPath, known: readonly string[]): void {
    for (const k of Object.keys(value)) {
      // sigs.k8s.io/json's strict mode names the unknown field by its dotted path.
      if (!known.includes(k)) this.add([...at, k], `unknown field ${JSON.stringify(fieldPathString([...at, k]))}`, true);
    }
  }
}

function quotedList(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** `apiVersion` and `kind`: the scheme knows PodSecurityConfiguration in three versions. */
function checkTypeMeta(cfg: Readonly<Record<string, unknown>>, c: Collector): void {
  const checks: [string, readonly string[]][] = [
    ['apiVersion', PSA_CONFIG_API_VERSIONS],
    ['kind', [PSA_CONFIG_KIND]],
  ];
  for (const [name, supported] of checks) {
    const v = cfg[name];
    if (v === undefined || v === null || v === '') c.field([name], { type: 'FieldValueRequired', detail: '' });
    else if (typeof v !== 'string' || !supported.includes(v)) {
      c.field([name], { type: 'FieldValueNotSupported', badValue: String(v), detail: `supported values: ${quotedList(supported)}` });
    }
  }
}

/** A mapping field (absent or null: empty, as Go decodes it); anything else is reported. */
function mappingAt(parent: Readonly<Record<string, unknown>>, name: string, c: Collector): Readonly<Record<string, unknown>> {
  const v = parent[name];
  if (v === undefined || v === null) return {};
  if (isMapping(v)) return v;
  c.add([name], `${name}: must be a mapping`);
  return {};
}

/** A string field, defaulted as SetDefaults_PodSecurityDefaults does; undefined when it is not a string. */
function stringAt(parent: Readonly<Record<string, unknown>>, path: FieldPath, fallback: string, c: Collector): string | undefined {
  const v = parent[path[path.length - 1] as string];
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'string') return v;
  c.add(path, `${fieldPathString(path)}: must be a string`);
  return undefined;
}

/** A list of strings (null items decode as "", as Go's decoder leaves them); undefined when it is not one. */
function stringListAt(parent: Readonly<Record<string, unknown>>, path: FieldPath, c: Collector): string[] {
  const v = parent[path[path.length - 1] as string];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => x !== null && typeof x !== 'string')) {
    c.add(path, `${fieldPathString(path)}: must be a list of strings`);
    return [];
  }
  return v.map((x: string | null) => x ?? '');
}

function readDefaults(defaults: Readonly<Record<string, unknown>>, c: Collector): NamespacePolicy {
  const policy: Partial<Record<(typeof VALIDATION_ORDER)[number], LevelVersion>> = {};
  for (const mode of VALIDATION_ORDER) {
    const levelPath = ['defaults', mode];
    const versionPath = ['defaults', `${mode}-version`];
    const level = stringAt(defaults, levelPath, 'privileged', c);
    const version = stringAt(defaults, versionPath, 'latest', c);
    // validateLevel / validateVersion: ParseLevel's and ParseVersion's own error texts.
    if (level !== undefined && !isLevel(level)) c.field(levelPath, { type: 'FieldValueInvalid', badValue: level, detail: LEVEL_ERROR });
    const parsedVersion = version === undefined ? undefined : parsePolicyVersion(version);
    if (version !== undefined && parsedVersion === undefined) c.field(versionPath, { type: 'FieldValueInvalid', badValue: version, detail: VERSION_ERROR });
    // A value that is invalid is reported above; what remains usable falls back to the default.
    policy[mode] = { level: level !== undefined && isLevel(level) ? level : 'privileged', version: parsedVersion ?? 'latest' };
  }
  return { enforce: policy.enforce!, audit: policy.audit!, warn: policy.warn! };
}

/** validateNamespaces / validateRuntimeClasses / validateUsernames: invalid, then duplicate, per item. */
function uniqueValid(list: readonly string[], path: FieldPath, c: Collector, problems: (s: string) => readonly string[]): Set<string> {
  const valid = new Set<string>();
  list.forEach((value, i) => {
    const at = [...path, i];
    const found = problems(value);
    if (found.length > 0) c.field(at, { type: 'FieldValueInvalid', badValue: value, detail: found.join(', ') });
    else if (valid.has(value)) c.field(at, { type: 'FieldValueDuplicate', badValue: value, detail: '' });
    else valid.add(value);
  });
  return valid;
}

function readExemptions(exemptions: Readonly<Record<string, unknown>>, c: Collector): Exemptions {
  const names = (field: string, problems: (s: string) => readonly string[]) => {
    const at = ['exemptions', field];
    return uniqueValid(stringListAt(exemptions, at, c), at, c, problems);
  };
  const namespaces = names('namespaces', dns1123LabelProblems);
  const runtimeClasses = names('runtimeClasses', dns1123SubdomainProblems);
  const usernames = new Set<string>();
  stringListAt(exemptions, ['exemptions', 'usernames'], c).forEach((u, i) => {
    const at = ['exemptions', 'usernames', i];
    if (u === '') c.field(at, { type: 'FieldValueRequired', detail: '' });
    else if (usernames.has(u)) c.field(at, { type: 'FieldValueDuplicate', badValue: u, detail: '' });
    else usernames.add(u);
  });
  return { usernames, namespaces, runtimeClasses };
}

/**
 * A PodSecurityConfiguration (already parsed from YAML or JSON): the configuration, and every
 * problem with it. A configuration always comes back, with invalid values replaced by their
 * defaults; callers that must not run on a broken file (serve, audit) refuse when `errors` is not empty.
 */
export function validatePodSecurityConfiguration(value: unknown): { config: PodSecurityConfig; errors: PodSecurityConfigError[] } {
  const c = new Collector();
  if (!isMapping(value)) {
    c.add([], 'a PodSecurityConfiguration must be a mapping');
    return { config: DEFAULT_POD_SECURITY_CONFIG, errors: c.errors };
  }
  checkTypeMeta(value, c);
  c.unknownFields(value, [], TOP_FIELDS);
  const defaults = mappingAt(value, 'defaults', c);
  const exemptions = mappingAt(value, 'exemptions', c);
  c.unknownFields(defaults, ['defaults'], DEFAULTS_FIELDS);
  c.unknownFields(exemptions, ['exemptions'], EXEMPTION_FIELDS);
  const config = { defaults: readDefaults(defaults, c), exemptions: readExemptions(exemptions, c) };
  return { config, errors: c.errors };
}
