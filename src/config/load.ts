// Loads the settings every evaluating command uses, from (in order of precedence) command-line
// values, a configuration file, and podguard's defaults. The file is the one given with
// --config, or podguard.yaml (or podguard.yml) in the working directory; it may be a podguard
// configuration (schema in schema.ts, documented in docs/policies/configuration.md) or
// Kubernetes' PodSecurityConfiguration / AdmissionConfiguration, accepted as is.
//
// Errors are values with file and line, all collected; whatever is valid still takes effect.
// Command-line values win everywhere, including over per-namespace settings.

import fs from 'node:fs';
import path from 'node:path';
import type { EvaluationSettings } from '../engine/evaluate';
import type { ExceptionRule, ExceptionSet } from '../exceptions/exception';
import { EXPIRY_FORMAT, parseExpiry } from '../exceptions/expiry';
import { compilePattern, type NamePattern } from '../exceptions/pattern';
import { DEFAULT_PRESET, isPreset, type Adjustment, type Preset } from '../policies/presets';
import { builtinPolicies, type PolicyRegistry } from '../policies/registry';
import { isSeverity, type Severity } from '../policies/severity';
import type { Profile } from '../pss/evaluate';
import { isLevel, type Level } from '../pss/levels';
import { pssRegistry } from '../pss/registry';
import { parseVersion, type PolicyVersion } from '../pss/version';
import { displayPath, type ConfigError } from './config-error';
import { readPodSecurityConfigFile } from './pod-security-configuration';
import { toProfile } from '../psa/namespace-policy';
import type { Exemptions } from '../psa/exemptions';
import type { PodSecurityConfig } from '../psa/pod-security-configuration';
import { CONFIG_SCHEMA } from './schema';
import { validateSchema } from './validate-schema';
import { readYaml, type PathSegment, type YamlSource } from './yaml-source';
import { isMapping } from '../k8s/types';

export type { ConfigError } from './config-error';

/** Files looked for in the working directory when no --config is given. */
export const CONFIG_FILE_NAMES = ['podguard.yaml', 'podguard.yml'];

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
  /** The top-level settings (objects without a namespace, or in no configured namespace). */
  readonly base: EvaluationSettings;
  readonly preset: Preset;
  readonly failOn: Severity;
  readonly exceptions: ExceptionSet;
  /** The settings for objects in `namespace` (cached per namespace). */
  settingsFor(namespace: string | undefined): EvaluationSettings;
  /** The preset in force for a namespace (for reporting). */
  presetFor(namespace: string | undefined): Preset;
}

/** Settings that may appear at the top level and per namespace, as validated from the file. */
interface Block {
  level?: Level;
  version?: PolicyVersion;
  preset?: Preset;
  include?: string[];
  exclude?: string[];
  severity?: Record<string, Severity>;
  failOn?: Severity;
}

interface FileSettings {
  top: Block;
  namespaces: { pattern: NamePattern; block: Block }[];
  exemptions?: Exemptions;
  rules: ExceptionRule[];
  locked: string[];
  annotations: boolean;
}

function strings(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

class Reader {
  readonly errors: ConfigError[] = [];
  private readonly pssIds = new Set(pssRegistry().checks.map((c) => c.id));
  constructor(
    private readonly src: YamlSource,
    private readonly file: string,
    private readonly known: ReadonlySet<string>,
  ) {}

  error(path: PathSegment[], message: string, key = false): void {
    this.errors.push({ file: this.file, line: this.src.lineOf(path, key), message: `${displayPath(path)}: ${message}` });
  }

  ids(v: unknown, path: PathSegment[], what: 'exclude' | 'include' | 'check'): string[] | undefined {
    const list = strings(v);
    if (list === undefined) return undefined;
    const ok: string[] = [];
    list.forEach((id, i) => {
      const at = typeof v === 'string' ? path : [...path, i];
      if (!this.known.has(id)) this.error(at, `unknown check ${JSON.stringify(id)} (see "podguard policies list")`);
      else if (what === 'exclude' && this.pssIds.has(id)) this.error(at, `${id} is a Pod Security Standards check and cannot be excluded: choose a lower level, or add an exception with a justification`);
      else if (what === 'include' && this.pssIds.has(id)) this.error(at, `${id} is a Pod Security Standards check: it runs whenever the level includes it`);
      else ok.push(id);
    });
    return ok;
  }

  block(v: unknown, path: PathSegment[]): Block {
    const b: Block = {};
    if (!isMapping(v)) return b;
    if (isLevel(String(v['level']))) b.level = v['level'] as Level;
    if (typeof v['version'] === 'string') {
      const parsed = parseVersion(v['version']);
      if (parsed === undefined) this.error([...path, 'version'], `invalid version ${JSON.stringify(v['version'])}: use v1.N (for example v1.30) or latest`);
      else b.version = parsed;
    }
    if (isPreset(v['preset'])) b.preset = v['preset'];
    const include = this.ids(v['include'], [...path, 'include'], 'include');
    if (include) b.include = include;
    const exclude = this.ids(v['exclude'], [...path, 'exclude'], 'exclude');
    if (exclude) b.exclude = exclude;
    if (isMapping(v['severity'])) {
      b.severity = {};
      for (const [id, s] of Object.entries(v['severity'])) {
        if (!this.known.has(id)) this.error([...path, 'severity', id], `unknown check ${JSON.stringify(id)} (see "podguard policies list")`, true);
        else if (isSeverity(s)) b.severity[id] = s;
      }
    }
    if (isSeverity(v['failOn'])) b.failOn = v['failOn'];
    return b;
  }

  exceptions(v: unknown): ExceptionRule[] {
    if (!Array.isArray(v)) return [];
    const rules: ExceptionRule[] = [];
    const ids = new Set<string>();
    v.forEach((raw, i) => {
      const at: PathSegment[] = ['exceptions', i];
      if (!isMapping(raw)) return;
      const line = this.src.lineOf(at);
      const id = typeof raw['id'] === 'string' && raw['id'] !== '' ? raw['id'] : `${this.file}:${line ?? i}`;
      if (ids.has(id)) this.error([...at, 'id'], `duplicate exception id ${JSON.stringify(id)}`);
      ids.add(id);
      const checks = this.ids(raw['checks'], [...at, 'checks'], 'check') ?? [];
      let ok = checks.length > 0 || raw['checks'] === undefined;
      const justification = typeof raw['justification'] === 'string' ? raw['justification'].trim() : '';
      if (justification === '' && (raw['justification'] === undefined || typeof raw['justification'] === 'string')) {
        const where = raw['justification'] === undefined ? at : [...at, 'justification'];
        this.errors.push({ file: this.file, line: this.src.lineOf(where), message: `${displayPath(where)}: a justification is required: say why this exception is acceptable`, code: 'no-justification' });
      }
      if (justification === '' || raw['checks'] === undefined) ok = false; // a missing checks list is reported by the schema
      const rule: { -readonly [K in keyof ExceptionRule]: ExceptionRule[K] } = { id, checks, justification, origin: { kind: 'config', file: this.file, ...(line !== undefined ? { line } : {}) } };
      const namespaces = strings(raw['namespace']);
      if (namespaces) rule.namespaces = namespaces.map(compilePattern);
      const kinds = strings(raw['kind']);
      if (kinds) rule.kinds = kinds;
      const names = strings(raw['name']);
      if (names) rule.names = names.map(compilePattern);
      const containers = strings(raw['container']);
      if (containers) rule.containers = containers.map(compilePattern);
      if (typeof raw['expires'] === 'string') {
        const at2 = parseExpiry(raw['expires']);
        if (at2 === undefined) {
          this.error([...at, 'expires'], `${JSON.stringify(raw['expires'])} is not ${EXPIRY_FORMAT}`);
          ok = false;
        } else {
          rule.expires = raw['expires'];
          rule.expiresAt = at2;
        }
      }
      if (ok) rules.push(rule);
    });
    return rules;
  }
}

function readPodguardConfig(value: unknown, src: YamlSource, file: string, known: ReadonlySet<string>): { settings: FileSettings; errors: ConfigError[] } {
  const schemaErrors = validateSchema(CONFIG_SCHEMA, value, src, file);
  const r = new Reader(src, file, known);
  const cfg = isMapping(value) ? value : {};
  const namespaces: FileSettings['namespaces'] = [];
  if (isMapping(cfg['namespaces'])) {
    for (const [name, block] of Object.entries(cfg['namespaces'])) namespaces.push({ pattern: compilePattern(name), block: r.block(block, ['namespaces', name]) });
  }
  const settings: FileSettings = {
    top: r.block(cfg, []),
    namespaces,
    rules: r.exceptions(cfg['exceptions']),
    locked: r.ids(cfg['lockedChecks'], ['lockedChecks'], 'check') ?? [],
    annotations: cfg['annotationExceptions'] !== false,
  };
  if (isMapping(cfg['exemptions'])) {
    const e = cfg['exemptions'];
    settings.exemptions = { namespaces: new Set(strings(e['namespaces'])), runtimeClasses: new Set(strings(e['runtimeClasses'])), usernames: new Set(strings(e['usernames'])) };
  }
  return { settings, errors: [...schemaErrors, ...r.errors] };
}

function emptyFileSettings(): FileSettings {
  return { top: {}, namespaces: [], rules: [], locked: [], annotations: true };
}

function findConfigFile(opts: LoadOptions): { file?: string; error?: ConfigError } {
  if (opts.configPath !== undefined) {
    const file = path.resolve(opts.cwd, opts.configPath);
    if (!fs.existsSync(file)) return { error: { file: opts.configPath, message: 'configuration file not found', fatal: true } };
    return { file: opts.configPath };
  }
  if (opts.noDiscovery) return {};
  for (const name of CONFIG_FILE_NAMES) if (fs.existsSync(path.join(opts.cwd, name))) return { file: name };
  return {};
}

function readText(cwd: string, file: string): { text?: string; error?: ConfigError } {
  try {
    return { text: fs.readFileSync(path.resolve(cwd, file), 'utf8') };
  } catch (e) {
    return { error: { file, message: `cannot read configuration: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, fatal: true } };
  }
}

/** Reads the configuration file (if any) into file settings. */
function readConfigFile(opts: LoadOptions, file: string, known: ReadonlySet<string>): { settings: FileSettings; kind: LoadedSettings['configKind']; errors: ConfigError[]; podSecurity?: PodSecurityConfig } {
  const fail = (e: ConfigError) => ({ settings: emptyFileSettings(), kind: undefined, errors: [e] });
  const { text, error } = readText(opts.cwd, file);
  if (error) return fail(error);
  const src = readYaml(text!);
  if (src.errors.length > 0) return { settings: emptyFileSettings(), kind: undefined, errors: src.errors.map((e) => ({ file, line: e.line, message: e.message, fatal: true })) };
  const value = src.value ?? {};
  if (!isMapping(value)) return fail({ file, line: 1, message: 'a configuration must be a mapping (see "podguard scan --help")', fatal: true });
  const kind = value['kind'];
  if (kind === 'PodSecurityConfiguration' || kind === 'AdmissionConfiguration') {
    const psa = readPodSecurityConfigFile(value, src, file, opts.cwd);
    const settings = emptyFileSettings();
    const profile = toProfile(psa.config.defaults.enforce);
    settings.top = { level: profile.level, version: profile.version };
    settings.exemptions = psa.config.exemptions;
    return { settings, kind: 'PodSecurityConfiguration', errors: [...psa.errors], podSecurity: psa.config };
  }
  const read = readPodguardConfig(value, src, file, known);
  return { settings: read.settings, kind: 'podguard', errors: read.errors };
}

export function loadSettings(opts: LoadOptions): LoadedSettings {
  const registry = opts.registry ?? builtinPolicies();
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
    const read = readConfigFile(opts, file, new Set([...registry.knownCheckIds(), ...(opts.extraCheckIds ?? [])]));
    errors.push(...read.errors);
    fileSettings = read.settings;
    configKind = read.kind;
    podSecurity = read.podSecurity;
  }

  const exceptions: ExceptionSet = { rules: fileSettings.rules, locked: new Set(fileSettings.locked), annotations: fileSettings.annotations };
  const top = fileSettings.top;
  const compose = (block: Block | undefined): { settings: EvaluationSettings; preset: Preset } => {
    const profile: Profile = {
      level: opts.level ?? block?.level ?? top.level ?? 'restricted',
      version: opts.version ?? block?.version ?? top.version ?? 'latest',
    };
    const preset = opts.preset ?? block?.preset ?? top.preset ?? DEFAULT_PRESET;
    const adjustments: Adjustment[] = [top];
    if (block) adjustments.push(block);
    const severities = { ...top.severity, ...block?.severity };
    const settings: { -readonly [K in keyof EvaluationSettings]: EvaluationSettings[K] } = {
      profile,
      policies: registry.forPreset(preset, ...adjustments.map((a) => ({ include: a.include ?? [], exclude: a.exclude ?? [] }))),
      failOn: opts.failOn ?? block?.failOn ?? top.failOn ?? 'low',
      exceptions,
    };
    if (Object.keys(severities).length > 0) settings.severities = severities;
    if (opts.now !== undefined) settings.now = opts.now;
    if (fileSettings.exemptions) settings.exemptions = fileSettings.exemptions;
    return { settings, preset };
  };

  const base = compose(undefined);
  const cache = new Map<string, { settings: EvaluationSettings; preset: Preset }>();
  const forNamespace = (namespace: string | undefined) => {
    if (namespace === undefined || fileSettings.namespaces.length === 0) return base;
    let hit = cache.get(namespace);
    if (!hit) {
      const exact = fileSettings.namespaces.find((n) => n.pattern.source === namespace);
      const match = exact ?? fileSettings.namespaces.find((n) => n.pattern.test(namespace));
      hit = match ? compose(match.block) : base;
      cache.set(namespace, hit);
    }
    return hit;
  };

  const loaded: LoadedSettings = {
    errors,
    registry,
    base: base.settings,
    preset: base.preset,
    failOn: base.settings.failOn ?? 'low',
    exceptions,
    settingsFor: (namespace) => forNamespace(namespace).settings,
    presetFor: (namespace) => forNamespace(namespace).preset,
  };
  return { ...loaded, ...(file !== undefined ? { configFile: file } : {}), ...(configKind !== undefined ? { configKind } : {}), ...(podSecurity !== undefined ? { podSecurity } : {}) };
}
