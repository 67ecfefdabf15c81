// The webhook's configuration files. `--config` may name a podguard configuration (policies,
// presets, exceptions: read by src/config, as `podguard scan` reads it) and a Kubernetes
// PodSecurityConfiguration or AdmissionConfiguration (the cluster defaults for enforce, audit
// and warn, and the exemptions). Each file is recognised by its kind; give each kind once.
// Without a podguard configuration (or --preset) the webhook is a drop-in Pod Security Admission.

import fs from 'node:fs';
import path from 'node:path';
import { loadSettings, type LoadedSettings } from '../config/load';
import type { Preset } from '../policies/presets';
import { readYaml } from '../config/yaml-source';
import { DEFAULT_POD_SECURITY_CONFIG, fromAdmissionConfiguration, podSecurityConfigFrom, type PodSecurityConfig } from './pod-security-config';
import { isMapping } from '../k8s/types';

export interface WebhookConfig {
  readonly podSecurity: PodSecurityConfig;
  /**
   * Policies, severities and exceptions per namespace; absent unless a podguard configuration or
   * a preset was given: without one, the webhook is Pod Security Admission exactly.
   */
  readonly settings?: LoadedSettings;
  /** Every problem, as `file[:line]: message`; the webhook must not start with any. */
  readonly errors: readonly string[];
}

export interface ConfigOptions {
  readonly files: readonly string[];
  readonly preset?: Preset;
  readonly cwd: string;
}

function readMapping(cwd: string, file: string): { value?: Record<string, unknown>; error?: string } {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    return { error: `${file}: cannot read the configuration (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  const src = readYaml(text);
  if (src.errors.length > 0) return { error: src.errors.map((e) => `${file}${e.line ? `:${e.line}` : ''}: ${e.message}`).join('\n') };
  return isMapping(src.value) ? { value: src.value } : { error: `${file}: a configuration must be a mapping` };
}

const PSA_KINDS = new Set(['PodSecurityConfiguration', 'AdmissionConfiguration']);

export function loadWebhookConfig(o: ConfigOptions): WebhookConfig {
  const errors: string[] = [];
  let psaFile: string | undefined;
  let psaValue: Record<string, unknown> | undefined;
  let podguardFile: string | undefined;
  for (const file of o.files) {
    const { value, error } = readMapping(o.cwd, file);
    if (error) {
      errors.push(error);
      continue;
    }
    const isPsa = PSA_KINDS.has(String(value!['kind']));
    if (isPsa ? psaFile !== undefined : podguardFile !== undefined) {
      errors.push(`${file}: only one ${isPsa ? 'PodSecurityConfiguration' : 'podguard configuration'} may be given (already have ${isPsa ? psaFile : podguardFile})`);
      continue;
    }
    if (isPsa) {
      psaFile = file;
      psaValue = value;
    } else podguardFile = file;
  }

  // src/config validates every file with line numbers; its errors come first. Only an explicit
  // podguard configuration or preset brings in the policies (no podguard.yaml is looked for).
  const wantsPolicies = podguardFile !== undefined || o.preset !== undefined;
  const settings = wantsPolicies ? loadSettings({ cwd: o.cwd, ...(podguardFile !== undefined ? { configPath: podguardFile } : {}), ...(o.preset !== undefined ? { preset: o.preset } : {}) }) : undefined;
  for (const e of settings?.errors ?? []) errors.push(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);

  let podSecurity = DEFAULT_POD_SECURITY_CONFIG;
  if (psaFile !== undefined && psaValue !== undefined) {
    const checked = loadSettings({ cwd: o.cwd, configPath: psaFile });
    for (const e of checked.errors) errors.push(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
    let inner: Record<string, unknown> | undefined = psaValue;
    let innerFile = psaFile;
    const wrapped = fromAdmissionConfiguration(psaValue);
    if (wrapped?.error) errors.push(`${psaFile}: ${wrapped.error}`);
    else if (wrapped?.inline) inner = wrapped.inline;
    else if (wrapped?.path !== undefined) {
      innerFile = path.join(path.dirname(psaFile), wrapped.path);
      const read = readMapping(o.cwd, innerFile);
      if (read.error) errors.push(read.error);
      inner = read.value;
    }
    if (inner && checked.errors.length === 0) {
      const parsed = podSecurityConfigFrom(inner);
      for (const e of parsed.errors) errors.push(`${innerFile}: ${e}`);
      if (parsed.config) podSecurity = parsed.config;
    }
  }

  // podguard.yaml may list exemptions too; they add to the PodSecurityConfiguration's.
  const extra = podguardFile !== undefined ? settings?.base.exemptions : undefined;
  if (extra) {
    podSecurity = {
      defaults: podSecurity.defaults,
      exemptions: {
        usernames: new Set([...podSecurity.exemptions.usernames, ...(extra.usernames ?? [])]),
        namespaces: new Set([...podSecurity.exemptions.namespaces, ...(extra.namespaces ?? [])]),
        runtimeClasses: new Set([...podSecurity.exemptions.runtimeClasses, ...(extra.runtimeClasses ?? [])]),
      },
    };
  }
  return { podSecurity, settings, errors };
}
