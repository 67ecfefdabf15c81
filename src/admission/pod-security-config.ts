// The cluster-wide part of Pod Security Admission: the policy of namespaces without labels and the
// exemptions, from a Kubernetes PodSecurityConfiguration (the file kube-apiserver's
// AdmissionConfiguration points its PodSecurity plugin at). Upstream:
//   admission/api/v1/defaults.go           unset defaults are privileged and latest
//   admission/api/validation/validation.go  what a valid configuration is, and its messages
//   admission/api/load/load.go             no file means the defaults

import { isLevel, LEVELS } from '../pss/levels';
import { fieldErrorString, type FieldError } from './api-status';
import { LEVEL_ERROR, MODES, parsePolicyVersion, VERSION_ERROR, type Mode, type NamespacePolicy } from './namespace-policy';
import { isMapping } from '../k8s/types';

export interface Exemptions {
  readonly usernames: ReadonlySet<string>;
  readonly namespaces: ReadonlySet<string>;
  readonly runtimeClasses: ReadonlySet<string>;
}

export interface PodSecurityConfig {
  readonly defaults: NamespacePolicy;
  readonly exemptions: Exemptions;
}

export const PSA_CONFIG_API_VERSIONS: readonly string[] = [
  'pod-security.admission.config.k8s.io/v1',
  'pod-security.admission.config.k8s.io/v1beta1',
  'pod-security.admission.config.k8s.io/v1alpha1',
];

const PRIVILEGED_LATEST = { level: 'privileged', version: 'latest' } as const;

/** What kube-apiserver uses without a configuration: privileged:latest for every mode, no exemptions. */
export const DEFAULT_POD_SECURITY_CONFIG: PodSecurityConfig = Object.freeze({
  defaults: { enforce: PRIVILEGED_LATEST, audit: PRIVILEGED_LATEST, warn: PRIVILEGED_LATEST },
  exemptions: { usernames: new Set<string>(), namespaces: new Set<string>(), runtimeClasses: new Set<string>() },
});

// machinery.ValidateNamespaceName (a DNS-1123 label) and NameIsDNSSubdomain, with their messages
// (k8s.io/apimachinery/pkg/util/validation/validation.go).
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function nameProblems(value: string, re: RegExp, max: number, message: string): string[] {
  const out: string[] = [];
  if (value.length > max) out.push(`must be no more than ${max} characters`);
  if (!re.test(value)) out.push(message);
  return out;
}

function stringList(v: unknown, path: string, errors: FieldError[]): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    errors.push({ type: 'FieldValueInvalid', field: path, badValue: JSON.stringify(v), detail: 'must be a list of strings' });
    return [];
  }
  return v as string[];
}

function uniqueValid(list: readonly string[], path: string, errors: FieldError[], check: (s: string) => string[]): Set<string> {
  const valid = new Set<string>();
  list.forEach((value, i) => {
    const problems = check(value);
    if (problems.length > 0) errors.push({ type: 'FieldValueInvalid', field: `${path}[${i}]`, badValue: value, detail: problems.join(', ') });
    else if (valid.has(value)) errors.push({ type: 'FieldValueDuplicate', field: `${path}[${i}]`, badValue: value, detail: '' });
    else valid.add(value);
  });
  return valid;
}

/**
 * A PodSecurityConfiguration object (already parsed from YAML or JSON) as podguard's config, or
 * every problem with it in upstream's words (`defaults.enforce: Invalid value: "strict": must be one of …`).
 */
export function podSecurityConfigFrom(obj: Readonly<Record<string, unknown>>): { config?: PodSecurityConfig; errors: string[] } {
  const problems: string[] = [];
  if (typeof obj['apiVersion'] !== 'string' || !PSA_CONFIG_API_VERSIONS.includes(obj['apiVersion'])) {
    problems.push(`apiVersion must be one of ${PSA_CONFIG_API_VERSIONS.join(', ')} (found ${JSON.stringify(obj['apiVersion'] ?? null)})`);
  }
  if (obj['kind'] !== 'PodSecurityConfiguration') problems.push(`kind must be PodSecurityConfiguration (found ${JSON.stringify(obj['kind'] ?? null)})`);
  for (const key of Object.keys(obj)) {
    if (!['apiVersion', 'kind', 'defaults', 'exemptions'].includes(key)) problems.push(`unknown field ${JSON.stringify(key)}`);
  }
  const errors: FieldError[] = [];
  const defaultsIn = obj['defaults'] ?? {};
  const exemptionsIn = obj['exemptions'] ?? {};
  if (!isMapping(defaultsIn)) problems.push('defaults must be a mapping');
  if (!isMapping(exemptionsIn)) problems.push('exemptions must be a mapping');
  const defaults = isMapping(defaultsIn) ? defaultsIn : {};
  const exemptions = isMapping(exemptionsIn) ? exemptionsIn : {};
  for (const key of Object.keys(defaults)) {
    if (!MODES.some((m) => key === m || key === `${m}-version`)) problems.push(`defaults: unknown field ${JSON.stringify(key)}`);
  }
  for (const key of Object.keys(exemptions)) {
    if (!['usernames', 'namespaces', 'runtimeClasses'].includes(key)) problems.push(`exemptions: unknown field ${JSON.stringify(key)}`);
  }

  // SetDefaults_PodSecurityDefaults fills unset values; ValidatePodSecurityConfiguration checks the
  // rest in the order enforce, warn, audit.
  const policy: Partial<Record<Mode, { level: (typeof LEVELS)[number]; version: string }>> = {};
  for (const mode of ['enforce', 'warn', 'audit'] as const) {
    const rawLevel = defaults[mode] ?? '';
    const rawVersion = defaults[`${mode}-version`] ?? '';
    const level = typeof rawLevel === 'string' ? (rawLevel === '' ? 'privileged' : rawLevel) : String(rawLevel);
    const versionText = typeof rawVersion === 'string' ? (rawVersion === '' ? 'latest' : rawVersion) : String(rawVersion);
    if (!isLevel(level)) errors.push({ type: 'FieldValueInvalid', field: `defaults.${mode}`, badValue: level, detail: LEVEL_ERROR });
    const version = parsePolicyVersion(versionText);
    if (version === undefined) errors.push({ type: 'FieldValueInvalid', field: `defaults.${mode}-version`, badValue: versionText, detail: VERSION_ERROR });
    policy[mode] = { level: isLevel(level) ? level : 'restricted', version: version ?? 'latest' };
  }
  const namespaces = uniqueValid(stringList(exemptions['namespaces'], 'exemptions.namespaces', errors), 'exemptions.namespaces', errors, (s) =>
    nameProblems(s, DNS1123_LABEL, 63, LABEL_MESSAGE),
  );
  const runtimeClasses = uniqueValid(stringList(exemptions['runtimeClasses'], 'exemptions.runtimeClasses', errors), 'exemptions.runtimeClasses', errors, (s) =>
    nameProblems(s, DNS1123_SUBDOMAIN, 253, SUBDOMAIN_MESSAGE),
  );
  const usernames = new Set<string>();
  stringList(exemptions['usernames'], 'exemptions.usernames', errors).forEach((u, i) => {
    if (u === '') errors.push({ type: 'FieldValueRequired', field: `exemptions.usernames[${i}]`, detail: '' });
    else if (usernames.has(u)) errors.push({ type: 'FieldValueDuplicate', field: `exemptions.usernames[${i}]`, badValue: u, detail: '' });
    else usernames.add(u);
  });
  for (const message of new Set(errors.map(fieldErrorString))) problems.push(message);
  if (problems.length > 0) return { errors: problems };
  return {
    config: {
      defaults: { enforce: policy.enforce!, audit: policy.audit!, warn: policy.warn! },
      exemptions: { usernames, namespaces, runtimeClasses },
    },
    errors: [],
  };
}

/**
 * The PodSecurity plugin's configuration inside a kube-apiserver AdmissionConfiguration
 * (apiserver.config.k8s.io/v1: `plugins: [{name: PodSecurity, configuration: …}]`), so a cluster's
 * own file can be given as is. Returns undefined when the object is not an AdmissionConfiguration.
 */
export function fromAdmissionConfiguration(obj: Readonly<Record<string, unknown>>): { inline?: Record<string, unknown>; path?: string; error?: string } | undefined {
  if (obj['kind'] !== 'AdmissionConfiguration') return undefined;
  const plugins = Array.isArray(obj['plugins']) ? (obj['plugins'] as unknown[]) : [];
  const plugin = plugins.find((p) => isMapping(p) && p['name'] === 'PodSecurity') as Record<string, unknown> | undefined;
  if (!plugin) return { error: 'AdmissionConfiguration has no PodSecurity plugin entry' };
  if (isMapping(plugin['configuration'])) return { inline: plugin['configuration'] };
  if (typeof plugin['path'] === 'string') return { path: plugin['path'] };
  return { error: 'the PodSecurity plugin entry has neither configuration nor path' };
}
