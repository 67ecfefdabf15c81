// Reads a PodSecurityPolicy object (policy/v1beta1 or extensions/v1beta1) into the model. A field
// of the wrong type is one error naming file, line and field, and the policy is left out: the API
// server would not have stored it.

import { isMapping, type KubeObject } from '../k8s/types';
import type { InputError } from '../sources/input-error';
import type { SourceObject } from '../sources/parse-documents';
import { locate } from '../sources/positions';
import type { IDRange, PodSecurityPolicy, PspSpec, RangeStrategy, SELinuxOptions } from './model';

export const PSP_API_VERSIONS: readonly string[] = ['policy/v1beta1', 'extensions/v1beta1'];

export function isPodSecurityPolicy(o: KubeObject): boolean {
  return o.kind === 'PodSecurityPolicy' && typeof o.apiVersion === 'string' && PSP_API_VERSIONS.includes(o.apiVersion);
}

class Problem extends Error {
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`${path} ${what}`);
  }
}

type Json = Record<string, unknown>;

function mapping(v: unknown, path: string): Json | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isMapping(v)) throw new Problem(path, 'must be a mapping');
  return v as Json;
}

function bool(v: unknown, path: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new Problem(path, 'must be true or false');
  return v;
}

function str(v: unknown, path: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Problem(path, 'must be a string');
  return v;
}

function int(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new Problem(path, 'must be an integer');
  return v;
}

function list<T>(v: unknown, path: string, item: (x: unknown, p: string) => T): T[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Problem(path, 'must be a list');
  return v.map((x, i) => item(x, `${path}[${i}]`));
}

const strings = (v: unknown, path: string): string[] => list(v, path, (x, p) => str(x, p) ?? '');

function ranges(v: unknown, path: string): IDRange[] {
  return list(v, path, (x, p) => {
    const m = mapping(x, p) ?? {};
    return { min: int(m.min ?? 0, `${p}.min`), max: int(m.max ?? 0, `${p}.max`) };
  });
}

function rangeStrategy(v: unknown, path: string): RangeStrategy {
  const m = mapping(v, path) ?? {};
  return { rule: str(m.rule, `${path}.rule`) ?? '', ranges: ranges(m.ranges, `${path}.ranges`) };
}

function seLinuxOptions(v: unknown, path: string): SELinuxOptions | undefined {
  const m = mapping(v, path);
  if (!m) return undefined;
  const f = (k: string): string => str(m[k], `${path}.${k}`) ?? '';
  return { user: f('user'), role: f('role'), type: f('type'), level: f('level') };
}

function readSpec(s: Json): PspSpec {
  const p = 'spec';
  const flag = (k: string): boolean => bool(s[k], `${p}.${k}`) ?? false;
  const seLinux = mapping(s.seLinux, `${p}.seLinux`) ?? {};
  const runtimeClass = mapping(s.runtimeClass, `${p}.runtimeClass`);
  const runAsGroup = mapping(s.runAsGroup, `${p}.runAsGroup`);
  const defaultAPE = bool(s.defaultAllowPrivilegeEscalation, `${p}.defaultAllowPrivilegeEscalation`);
  return {
    privileged: flag('privileged'),
    defaultAddCapabilities: strings(s.defaultAddCapabilities, `${p}.defaultAddCapabilities`),
    requiredDropCapabilities: strings(s.requiredDropCapabilities, `${p}.requiredDropCapabilities`),
    allowedCapabilities: strings(s.allowedCapabilities, `${p}.allowedCapabilities`),
    volumes: strings(s.volumes, `${p}.volumes`),
    hostNetwork: flag('hostNetwork'),
    hostPorts: ranges(s.hostPorts, `${p}.hostPorts`),
    hostPID: flag('hostPID'),
    hostIPC: flag('hostIPC'),
    seLinux: {
      rule: str(seLinux.rule, `${p}.seLinux.rule`) ?? '',
      ...optional('seLinuxOptions', seLinuxOptions(seLinux.seLinuxOptions, `${p}.seLinux.seLinuxOptions`)),
    },
    runAsUser: rangeStrategy(s.runAsUser, `${p}.runAsUser`),
    ...optional('runAsGroup', runAsGroup && rangeStrategy(runAsGroup, `${p}.runAsGroup`)),
    supplementalGroups: rangeStrategy(s.supplementalGroups, `${p}.supplementalGroups`),
    fsGroup: rangeStrategy(s.fsGroup, `${p}.fsGroup`),
    readOnlyRootFilesystem: flag('readOnlyRootFilesystem'),
    ...optional('defaultAllowPrivilegeEscalation', defaultAPE),
    // SetDefaults_PodSecurityPolicySpec: unset stays as permissive as before the field existed.
    allowPrivilegeEscalation: bool(s.allowPrivilegeEscalation, `${p}.allowPrivilegeEscalation`) ?? true,
    allowedHostPaths: list(s.allowedHostPaths, `${p}.allowedHostPaths`, (x, q) => {
      const m = mapping(x, q) ?? {};
      return { pathPrefix: str(m.pathPrefix, `${q}.pathPrefix`) ?? '', readOnly: bool(m.readOnly, `${q}.readOnly`) ?? false };
    }),
    allowedFlexVolumes: list(s.allowedFlexVolumes, `${p}.allowedFlexVolumes`, (x, q) => ({
      driver: str((mapping(x, q) ?? {}).driver, `${q}.driver`) ?? '',
    })),
    allowedCSIDrivers: list(s.allowedCSIDrivers, `${p}.allowedCSIDrivers`, (x, q) => ({ name: str((mapping(x, q) ?? {}).name, `${q}.name`) ?? '' })),
    allowedUnsafeSysctls: strings(s.allowedUnsafeSysctls, `${p}.allowedUnsafeSysctls`),
    forbiddenSysctls: strings(s.forbiddenSysctls, `${p}.forbiddenSysctls`),
    allowedProcMountTypes: strings(s.allowedProcMountTypes, `${p}.allowedProcMountTypes`),
    ...optional(
      'runtimeClass',
      runtimeClass && {
        allowedRuntimeClassNames: strings(runtimeClass.allowedRuntimeClassNames, `${p}.runtimeClass.allowedRuntimeClassNames`),
        ...optional('defaultRuntimeClassName', str(runtimeClass.defaultRuntimeClassName, `${p}.runtimeClass.defaultRuntimeClassName`)),
      },
    ),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The policy, or an error (pushed to `errors`) and undefined. */
export function readPodSecurityPolicy(src: SourceObject, errors: InputError[]): PodSecurityPolicy | undefined {
  const o = src.object;
  const meta = isMapping(o.metadata) ? (o.metadata as Json) : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  try {
    if (name === '') throw new Problem('metadata.name', 'must be set');
    const annotations: Record<string, string> = {};
    const a = mapping(meta.annotations, 'metadata.annotations') ?? {};
    for (const [k, v] of Object.entries(a)) annotations[k] = str(v, `metadata.annotations.${k}`) ?? '';
    const spec = readSpec(mapping(o.spec, 'spec') ?? {});
    return { apiVersion: String(o.apiVersion), name, annotations, spec, source: { file: src.file, line: src.line } };
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    const at = locate(src.positions, o, src.line - src.lineOffset - 1, e.path);
    errors.push({
      file: src.file,
      document: src.document,
      line: at.line >= 0 ? at.line + src.lineOffset + 1 : src.line,
      message: `PodSecurityPolicy ${name === '' ? '(no name)' : JSON.stringify(name)}: ${e.path} ${e.what}; the policy is left out`,
    });
    return undefined;
  }
}
