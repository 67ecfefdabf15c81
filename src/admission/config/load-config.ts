// The webhook's configuration files. `--config` may name a podguard configuration (policies,
// presets, exceptions: read by src/config, as `podguard scan` reads it) and a Kubernetes
// PodSecurityConfiguration or AdmissionConfiguration (the cluster defaults for enforce, audit
// and warn, and the exemptions). Each file is recognised by its kind; give each kind once.
// Without a podguard configuration (or --preset) the webhook is a drop-in Pod Security Admission.

import fs from 'node:fs';
import path from 'node:path';
import { loadSettings, type LoadedSettings } from '../../config/load';
import type { Preset } from '../../policies/presets';
import { readYaml } from '../../config/yaml-source';
import { mergeExemptions } from '../../psa/exemptions';
import { DEFAULT_POD_SECURITY_CONFIG, type PodSecurityConfig } from '../../psa/pod-security-configuration';
import { isMapping } from '../../k8s/types';
import { InventoryError, registryWithInventory } from '../../profiles/inventory';

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
  let podguardFile: string | undefined;
  for (const file of o.files) {
    const { value, error } = readMapping(o.cwd, file);
    if (error) {
      errors.push(error);
      continue;
    }
    const isPsa = PSA_KINDS.has(String(value!['kind']));
    if (isPsa ? psaFile !== undefined : podguardFile !== undefined) {
      errors.push(
        `${file}: only one ${isPsa ? 'PodSecurityConfiguration' : 'podguard configuration'} may be given (already have ${isPsa ? psaFile : podguardFile})`,
      );
      continue;
    }
    if (isPsa) psaFile = file;
    else podguardFile = file;
  }

  // src/config validates every file with line numbers; its errors come first. Only an explicit
  // podguard configuration or preset brings in the policies (no podguard.yaml is looked for).
  const wantsPolicies = podguardFile !== undefined || o.preset !== undefined;
  const settingsOptions = {
    cwd: o.cwd,
    ...(podguardFile !== undefined ? { configPath: podguardFile } : {}),
    ...(o.preset !== undefined ? { preset: o.preset } : {}),
  };
  let settings = wantsPolicies ? loadSettings(settingsOptions) : undefined;
  // podguard.yaml's `profiles:`: the Localhost reference check gets the inventory.
  if (settings && settings.errors.length === 0) {
    try {
      const registry = registryWithInventory(settings);
      if (registry) settings = loadSettings({ ...settingsOptions, registry });
    } catch (e) {
      if (!(e instanceof InventoryError)) throw e;
      errors.push(e.message);
    }
  }
  for (const e of settings?.errors ?? []) errors.push(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);

  // The PodSecurityConfiguration is read as scan and audit read it (src/config, validated by
  // src/psa), so its errors, with their lines, are the same from every command.
  let podSecurity = DEFAULT_POD_SECURITY_CONFIG;
  if (psaFile !== undefined) {
    const checked = loadSettings({ cwd: o.cwd, configPath: psaFile });
    for (const e of checked.errors) errors.push(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
    if (checked.errors.length === 0 && checked.podSecurity) podSecurity = checked.podSecurity;
  }

  // podguard.yaml may list exemptions too; they add to the PodSecurityConfiguration's.
  const extra = podguardFile !== undefined ? settings?.base.exemptions : undefined;
  if (extra) {
    podSecurity = { defaults: podSecurity.defaults, exemptions: mergeExemptions(podSecurity.exemptions, extra) };
  }
  return { podSecurity, settings, errors };
}
