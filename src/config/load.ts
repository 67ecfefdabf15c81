// Loads the settings every evaluating command uses, from (in order of precedence) command-line
// values, a configuration file, and podguard's defaults. The file is the one given with
// --config, or podguard.yaml (or podguard.yml) in the working directory; it may be a podguard
// configuration (schema in schema.ts, documented in docs/policies/configuration.md) or
// Kubernetes' PodSecurityConfiguration / AdmissionConfiguration, accepted as is.
//
// Errors are values with file and line, all collected; whatever is valid still takes effect.
// Command-line values win everywhere, including over per-namespace settings.

import type { EvaluationSettings } from '../engine/evaluate';
import type { ExceptionSet } from '../exceptions/exception';
import type { Preset } from '../policies/presets';
import { builtinPolicies, type PolicyRegistry } from '../policies/registry';
import type { Severity } from '../policies/severity';
import type { Level } from '../pss/levels';
import type { PolicyVersion } from '../pss/version';
import type { PodSecurityConfig } from '../psa/pod-security-configuration';
import type { ConfigError } from './config-error';
import { findConfigFile, readConfigFile } from './config-file';
import { emptyFileSettings, type InputSettings } from './file-settings';
import { namespacedSettings } from './namespace-settings';

export interface LoadOptions {
  readonly cwd: string;
  /** --config: this file and no other; a missing file is a fatal error. */
  readonly configPath?: string;
  /** Skip looking for podguard.yaml in cwd (for callers that never want implicit configuration). */
  readonly noDiscovery?: boolean;
  /** Command-line values; they override the file everywhere. */
  readonly level?: Level;
  readonly version?: PolicyVersion;
  readonly preset?: Preset;
  readonly failOn?: Severity;
  /** The time exception expiry is judged at (ms); default: now. */
  readonly now?: number;
  /** The policies to choose from; default: the built-in catalogue. */
  readonly registry?: PolicyRegistry;
  /** More ids exceptions and lockedChecks may name: findings of analyses outside the policy registry (podguard rbac). */
  readonly extraCheckIds?: readonly string[];
}

export interface LoadedSettings {
  /** The configuration file in force, if any. */
  readonly configFile?: string;
  readonly configKind?: 'podguard' | 'PodSecurityConfiguration';
  /** The PodSecurityConfiguration read from the file (configKind PodSecurityConfiguration), for serve and audit. */
  readonly podSecurity?: PodSecurityConfig;
  readonly errors: readonly ConfigError[];
  /** Every policy these settings can run (what SARIF rules, docs and exceptions lint describe). */
  readonly registry: PolicyRegistry;
  /** Every check id exceptions may name: the registry's, plus LoadOptions.extraCheckIds. */
  readonly knownCheckIds: ReadonlySet<string>;
  /** The top-level settings (objects without a namespace, or in no configured namespace). */
  readonly base: EvaluationSettings;
  readonly preset: Preset;
  readonly failOn: Severity;
  readonly exceptions: ExceptionSet;
  /** How inputs are read, from podguard.yaml (ignore patterns, failIfNoObjects, tools). */
  readonly inputs: InputSettings;
  /** The settings for objects in `namespace` (cached per namespace). */
  settingsFor(namespace: string | undefined): EvaluationSettings;
  /** The preset in force for a namespace (for reporting). */
  presetFor(namespace: string | undefined): Preset;
}

export function loadSettings(opts: LoadOptions): LoadedSettings {
  let registry = opts.registry ?? builtinPolicies();
  let knownCheckIds: ReadonlySet<string> = opts.extraCheckIds?.length
    ? new Set([...registry.knownCheckIds(), ...opts.extraCheckIds])
    : registry.knownCheckIds();
  const errors: ConfigError[] = [];
  const found = findConfigFile(opts);
  let file = found.file;
  let fileSettings = emptyFileSettings();
  let configKind: LoadedSettings['configKind'];
  let podSecurity: PodSecurityConfig | undefined;
  if (found.error) {
    errors.push(found.error);
    file = undefined;
  } else if (file !== undefined) {
    const read = readConfigFile(opts, file, knownCheckIds);
    errors.push(...read.errors);
    fileSettings = read.settings;
    configKind = read.kind;
    podSecurity = read.podSecurity;
  }
  // CEL policies of the file join the registry, so every door (and SARIF, docs, exceptions lint) sees them.
  if (fileSettings.policies !== undefined && fileSettings.policies.length > 0) {
    registry = registry.with(fileSettings.policies);
    knownCheckIds = new Set([...knownCheckIds, ...fileSettings.policies.map((p) => p.id)]);
  }

  const { exceptions, base, forNamespace } = namespacedSettings(fileSettings, opts, registry);

  const loaded: LoadedSettings = {
    errors,
    registry,
    knownCheckIds,
    base: base.settings,
    preset: base.preset,
    failOn: base.settings.failOn ?? 'low',
    exceptions,
    inputs: fileSettings.inputs ?? {},
    settingsFor: (namespace) => forNamespace(namespace).settings,
    presetFor: (namespace) => forNamespace(namespace).preset,
  };
  return {
    ...loaded,
    ...(file !== undefined ? { configFile: file } : {}),
    ...(configKind !== undefined ? { configKind } : {}),
    ...(podSecurity !== undefined ? { podSecurity } : {}),
  };
}
