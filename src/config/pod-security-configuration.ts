// Reads Kubernetes' PodSecurityConfiguration from a configuration file, alone or inside an
// AdmissionConfiguration (inline, or by `path` relative to the AdmissionConfiguration's directory).
// Validation is src/psa's, the one validator; this file only finds the object and maps each
// error's field path to a line of the file it came from. scan, serve and audit all read a PSA file
// through here (by way of loadSettings), so the same file gives them the same errors.

import fs from 'node:fs';
import path from 'node:path';
import { podSecurityPluginEntry } from '../psa/admission-configuration';
import { DEFAULT_POD_SECURITY_CONFIG, validatePodSecurityConfiguration, type PodSecurityConfig } from '../psa/pod-security-configuration';
import type { ConfigError } from './config-error';
import { readYaml, type PathSegment, type YamlSource } from './yaml-source';

export interface PodSecurityConfigFile {
  readonly config: PodSecurityConfig;
  readonly errors: readonly ConfigError[];
}

function locate(src: YamlSource, file: string, at: readonly PathSegment[]) {
  return (e: { path: readonly PathSegment[]; message: string; key?: boolean }): ConfigError => {
    const line = src.lineOf([...at, ...e.path], e.key === true);
    return line === undefined ? { file, message: e.message } : { file, line, message: e.message };
  };
}

/** The file named by an AdmissionConfiguration's `path`, parsed; or the fatal error that stops it. */
function readReferenced(cwd: string, file: string): { src?: YamlSource; error?: ConfigError[] } {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    return { error: [{ file, message: `cannot read configuration: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, fatal: true }] };
  }
  const src = readYaml(text);
  if (src.errors.length > 0) {
    return { error: src.errors.map((e) => ({ file, ...(e.line !== undefined ? { line: e.line } : {}), message: e.message, fatal: true })) };
  }
  return { src };
}

/**
 * The PodSecurityConfiguration in `value` (the parsed document of `file`, a PodSecurityConfiguration
 * or an AdmissionConfiguration), with every problem at its file and line. Problems that leave
 * nothing to read (no PodSecurity entry, a referenced file missing or not YAML) are `fatal`.
 */
export function readPodSecurityConfigFile(value: unknown, src: YamlSource, file: string, cwd: string): PodSecurityConfigFile {
  let target = value;
  let targetSrc = src;
  let targetFile = file;
  let at: readonly PathSegment[] = [];
  const entry = podSecurityPluginEntry(value);
  if (entry !== undefined) {
    const fail = (errors: ConfigError[]) => ({ config: DEFAULT_POD_SECURITY_CONFIG, errors });
    if ('error' in entry) return fail([{ file, ...lineAt(src, entry.at), message: entry.error, fatal: true }]);
    if ('path' in entry) {
      targetFile = path.isAbsolute(entry.path) ? entry.path : path.join(path.dirname(file), entry.path);
      const read = readReferenced(cwd, targetFile);
      if (read.error) return fail(read.error);
      targetSrc = read.src!;
      target = targetSrc.value;
    } else {
      target = entry.inline;
      at = entry.at;
    }
  }
  const { config, errors } = validatePodSecurityConfiguration(target);
  return { config, errors: errors.map(locate(targetSrc, targetFile, at)) };
}

function lineAt(src: YamlSource, at: readonly PathSegment[]): { line?: number } {
  const line = src.lineOf(at);
  return line === undefined ? {} : { line };
}
