// What a configuration file says, once validated: the top-level block, per-namespace blocks,
// exemptions and exceptions. Both file kinds (podguard's own and Kubernetes'
// PodSecurityConfiguration) are read into this one shape.

import type { ExceptionRule } from '../exceptions/exception';
import type { Policy } from '../policies/policy';
import type { NamePattern } from '../exceptions/pattern';
import type { Preset } from '../policies/presets';
import type { Severity } from '../policies/severity';
import type { Level } from '../pss/levels';
import type { PolicyVersion } from '../pss/version';
import type { Exemptions } from '../psa/exemptions';

/** Settings that may appear at the top level and per namespace, as validated from the file. */
export interface Block {
  level?: Level;
  version?: PolicyVersion;
  preset?: Preset;
  include?: string[];
  exclude?: string[];
  severity?: Record<string, Severity>;
  failOn?: Severity;
}

/** How inputs are read (podguard.yaml only): see src/sources/inputs.ts. */
export interface InputSettings {
  ignore?: string[];
  failIfNoObjects?: boolean;
  helmBinary?: string;
  kustomizeBinary?: string;
}

export interface FileSettings {
  top: Block;
  inputs?: InputSettings;
  namespaces: { pattern: NamePattern; block: Block }[];
  exemptions?: Exemptions;
  rules: ExceptionRule[];
  locked: string[];
  annotations: boolean;
  /** CEL policies the file defines (podguard.yaml `policies`), compiled; they join the registry. */
  policies?: Policy[];
}

export function emptyFileSettings(): FileSettings {
  return { top: {}, namespaces: [], rules: [], locked: [], annotations: true };
}
