// podguard's own configuration file (podguard.yaml): validated against its schema (schema.ts)
// and read into FileSettings, every problem collected with its line.

import { EXPIRY_FORMAT, parseExpiry } from '../exceptions/expiry';
import type { ExceptionRule } from '../exceptions/exception';
import { compilePattern } from '../exceptions/pattern';
import { isPreset } from '../policies/presets';
import { isSeverity } from '../policies/severity';
import { isLevel, type Level } from '../pss/levels';
import { pssRegistry } from '../pss/registry';
import { parseVersion } from '../pss/version';
import { isMapping } from '../k8s/types';
import { fieldPathString } from '../psa/field-error';
import type { ConfigError } from './config-error';
import type { Block, FileSettings } from './file-settings';
import { readCelPolicies } from './cel-policies';
import { CONFIG_SCHEMA } from './schema';
import { validateSchema } from './validate-schema';
import type { PathSegment, YamlSource } from './yaml-source';

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
    this.errors.push({ file: this.file, line: this.src.lineOf(path, key), message: `${fieldPathString(path)}: ${message}` });
  }

  ids(v: unknown, path: PathSegment[], what: 'exclude' | 'include' | 'check'): string[] | undefined {
    const list = strings(v);
    if (list === undefined) return undefined;
    const ok: string[] = [];
    list.forEach((id, i) => {
      const at = typeof v === 'string' ? path : [...path, i];
      if (!this.known.has(id)) this.error(at, `unknown check ${JSON.stringify(id)} (see "podguard policies list")`);
      else if (what === 'exclude' && this.pssIds.has(id))
        this.error(at, `${id} is a Pod Security Standards check and cannot be excluded: choose a lower level, or add an exception with a justification`);
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
        this.errors.push({
          file: this.file,
          line: this.src.lineOf(where),
          message: `${fieldPathString(where)}: a justification is required: say why this exception is acceptable`,
          code: 'no-justification',
        });
      }
      if (justification === '' || raw['checks'] === undefined) ok = false; // a missing checks list is reported by the schema
      const rule: { -readonly [K in keyof ExceptionRule]: ExceptionRule[K] } = {
        id,
        checks,
        justification,
        origin: { kind: 'config', file: this.file, ...(line !== undefined ? { line } : {}) },
      };
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

export function readPodguardConfig(
  value: unknown,
  src: YamlSource,
  file: string,
  known: ReadonlySet<string>,
): { settings: FileSettings; errors: ConfigError[] } {
  const schemaErrors = validateSchema(CONFIG_SCHEMA, value, src, file);
  const cfg = isMapping(value) ? value : {};
  // CEL policies first: include, exclude, severity and exceptions may name them.
  const cel = readCelPolicies(cfg['policies'], src, file, known);
  if (cel.ids.length > 0) known = new Set([...known, ...cel.ids]);
  const r = new Reader(src, file, known);
  const namespaces: FileSettings['namespaces'] = [];
  if (isMapping(cfg['namespaces'])) {
    for (const [name, block] of Object.entries(cfg['namespaces']))
      namespaces.push({ pattern: compilePattern(name), block: r.block(block, ['namespaces', name]) });
  }
  const settings: FileSettings = {
    top: r.block(cfg, []),
    namespaces,
    rules: r.exceptions(cfg['exceptions']),
    locked: r.ids(cfg['lockedChecks'], ['lockedChecks'], 'check') ?? [],
    annotations: cfg['annotationExceptions'] !== false,
  };
  if (cel.policies.length > 0) settings.policies = cel.policies;
  const inputs: NonNullable<FileSettings['inputs']> = {};
  const ignore = strings(cfg['ignore']);
  if (ignore) inputs.ignore = ignore;
  if (typeof cfg['failIfNoObjects'] === 'boolean') inputs.failIfNoObjects = cfg['failIfNoObjects'];
  if (isMapping(cfg['tools'])) {
    if (typeof cfg['tools']['helm'] === 'string') inputs.helmBinary = cfg['tools']['helm'];
    if (typeof cfg['tools']['kustomize'] === 'string') inputs.kustomizeBinary = cfg['tools']['kustomize'];
  }
  if (Object.keys(inputs).length > 0) settings.inputs = inputs;
  if (isMapping(cfg['exemptions'])) {
    const e = cfg['exemptions'];
    settings.exemptions = {
      namespaces: new Set(strings(e['namespaces'])),
      runtimeClasses: new Set(strings(e['runtimeClasses'])),
      usernames: new Set(strings(e['usernames'])),
    };
  }
  return { settings, errors: [...schemaErrors, ...cel.errors, ...r.errors] };
}
