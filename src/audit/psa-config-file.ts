// Reads the cluster's PodSecurityConfiguration from a file for `podguard audit --admission-config`:
// the PodSecurityConfiguration itself, or kube-apiserver's AdmissionConfiguration that holds it
// inline or by `path` (relative to the AdmissionConfiguration, as kube-apiserver resolves it).
// Validation and defaulting are the webhook's (src/admission/pod-security-config.ts), so both
// doors read the same file the same way.

import yaml from 'js-yaml';
import fs from 'node:fs';
import path from 'node:path';
import { fromAdmissionConfiguration, podSecurityConfigFrom, type PodSecurityConfig } from '../admission/pod-security-config';
import { K8S_SCHEMA } from '../sources/yaml-schema';

function readObject(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let value: unknown;
  try {
    value = yaml.load(text, { schema: K8S_SCHEMA, filename: file });
  } catch (e) {
    throw new Error(`${file}: invalid YAML: ${((e as yaml.YAMLException).reason || String(e)).split('\n')[0]}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file}: not a PodSecurityConfiguration or AdmissionConfiguration`);
  return value as Record<string, unknown>;
}

/** The configuration in `file`; throws an Error naming the file and every problem. */
export function loadPodSecurityConfig(file: string): PodSecurityConfig {
  let obj = readObject(file);
  let where = file;
  const plugin = fromAdmissionConfiguration(obj);
  if (plugin?.error) throw new Error(`${file}: ${plugin.error}`);
  if (plugin?.inline) obj = plugin.inline;
  else if (plugin?.path !== undefined) {
    where = path.resolve(path.dirname(file), plugin.path);
    obj = readObject(where);
  }
  const { config, errors } = podSecurityConfigFrom(obj);
  if (!config) throw new Error(`${where}: invalid PodSecurityConfiguration: ${errors.join('; ')}`);
  return config;
}
