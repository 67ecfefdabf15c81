// Kubernetes' own PodSecurityConfiguration (the PodSecurity admission plugin's configuration),
// accepted as is: either the file itself or an AdmissionConfiguration that holds it inline or
// by path. Its `defaults.enforce` / `enforce-version` become the profile and its `exemptions`
// PSA's exemptions. Upstream: staging/src/k8s.io/pod-security-admission/admission/api/v1/types.go
// (fields), v1/defaults.go (unset levels default to privileged, versions to latest) and
// validation/validation.go (the checks below).

import type { PssExemptions } from '../engine/evaluate';
import { isLevel, LEVELS, type Level } from '../pss/levels';
import { parseVersion, type PolicyVersion } from '../pss/version';
import { displayPath, type ConfigError } from './config-error';
import { PSA_SCHEMA } from './schema';
import { validateSchema } from './validate-schema';
import type { PathSegment, YamlSource } from './yaml-source';
import { isMapping } from '../k8s/types';

export interface PodSecurityDefaults {
  readonly level: Level;
  readonly version: PolicyVersion;
  readonly exemptions: PssExemptions;
}

const LEVEL_FIELDS = ['enforce', 'audit', 'warn'] as const;

export function readPodSecurityConfiguration(value: unknown, src: YamlSource, file: string, at: readonly PathSegment[] = []): { defaults: PodSecurityDefaults; errors: ConfigError[] } {
  const errors = validateSchema(PSA_SCHEMA, value, src, file, at);
  const err = (path: PathSegment[], message: string) => errors.push({ file, line: src.lineOf([...at, ...path]), message: `${displayPath([...at, ...path])}: ${message}` });
  const cfg = isMapping(value) ? value : {};
  const defaults = isMapping(cfg['defaults']) ? cfg['defaults'] : {};
  for (const mode of LEVEL_FIELDS) {
    const level = defaults[mode];
    if (typeof level === 'string' && level !== '' && !isLevel(level)) err(['defaults', mode], `Invalid value: ${JSON.stringify(level)}: must be one of ${LEVELS.join(', ')}`);
    const version = defaults[`${mode}-version`];
    if (typeof version === 'string' && version !== '' && parseVersion(version) === undefined) err(['defaults', `${mode}-version`], `Invalid value: ${JSON.stringify(version)}: must be "latest" or "v1.N"`);
  }
  const exemptions = isMapping(cfg['exemptions']) ? cfg['exemptions'] : {};
  const lists: Record<string, string[]> = {};
  for (const name of ['namespaces', 'runtimeClasses', 'usernames']) {
    const list = Array.isArray(exemptions[name]) ? (exemptions[name] as unknown[]) : [];
    const seen = new Set<string>();
    lists[name] = [];
    list.forEach((item, i) => {
      if (typeof item !== 'string') return;
      if (item === '') err(['exemptions', name, i], 'Required value');
      else if (seen.has(item)) err(['exemptions', name, i], `Duplicate value: ${JSON.stringify(item)}`);
      else lists[name]!.push(item);
      seen.add(item);
    });
  }
  const level = typeof defaults['enforce'] === 'string' && isLevel(defaults['enforce']) ? defaults['enforce'] : 'privileged';
  const version = (typeof defaults['enforce-version'] === 'string' ? parseVersion(defaults['enforce-version']) : undefined) ?? 'latest';
  return {
    defaults: { level, version, exemptions: { namespaces: lists['namespaces']!, runtimeClasses: lists['runtimeClasses']!, usernames: lists['usernames']! } },
    errors,
  };
}

/** The PodSecurity plugin's inline configuration inside an AdmissionConfiguration, with its path; or a path to another file. */
export function podSecurityPlugin(value: unknown): { inline?: unknown; at: PathSegment[]; path?: string } | undefined {
  if (!isMapping(value) || !Array.isArray(value['plugins'])) return undefined;
  const i = (value['plugins'] as unknown[]).findIndex((p) => isMapping(p) && p['name'] === 'PodSecurity');
  if (i < 0) return undefined;
  const plugin = (value['plugins'] as Record<string, unknown>[])[i]!;
  if (plugin['configuration'] !== undefined) return { inline: plugin['configuration'], at: ['plugins', i, 'configuration'] };
  if (typeof plugin['path'] === 'string') return { at: ['plugins', i, 'path'], path: plugin['path'] };
  return { at: ['plugins', i] };
}
