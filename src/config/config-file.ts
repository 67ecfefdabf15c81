// Finding and reading the configuration file: the one given with --config, else podguard.yaml
// (or podguard.yml) in the working directory; dispatched on its kind to podguard's reader or to
// the PodSecurityConfiguration reader (src/psa validates it).

import fs from 'node:fs';
import path from 'node:path';
import { toProfile } from '../psa/namespace-policy';
import type { PodSecurityConfig } from '../psa/pod-security-configuration';
import { isMapping } from '../k8s/types';
import type { ConfigError } from './config-error';
import { emptyFileSettings, type FileSettings } from './file-settings';
import type { LoadedSettings, LoadOptions } from './load';
import { readPodguardConfig } from './podguard-config';
import { readPodSecurityConfigFile } from './pod-security-configuration';
import { readYaml } from './yaml-source';

/** Files looked for in the working directory when no --config is given. */
export const CONFIG_FILE_NAMES = ['podguard.yaml', 'podguard.yml'];

export function findConfigFile(opts: LoadOptions): { file?: string; error?: ConfigError } {
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
export function readConfigFile(
  opts: LoadOptions,
  file: string,
  known: ReadonlySet<string>,
): { settings: FileSettings; kind: LoadedSettings['configKind']; errors: ConfigError[]; podSecurity?: PodSecurityConfig } {
  const fail = (e: ConfigError) => ({ settings: emptyFileSettings(), kind: undefined, errors: [e] });
  const { text, error } = readText(opts.cwd, file);
  if (error) return fail(error);
  const src = readYaml(text!);
  if (src.errors.length > 0)
    return { settings: emptyFileSettings(), kind: undefined, errors: src.errors.map((e) => ({ file, line: e.line, message: e.message, fatal: true })) };
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
