// Turns the objects of the source pipeline (src/sources/read-sources.ts) into RBAC objects, the
// namespaces with their Pod Security labels, service accounts, and a PodSecurityConfiguration
// (alone or in an AdmissionConfiguration) if one is among the inputs. What
// `kubectl get clusterroles,clusterrolebindings,roles,rolebindings,ns,sa -A -o yaml` prints is
// read as is; anything else is counted and skipped. A field of the wrong type is one error naming
// file, line and field, and the object is left out (the API server would not have stored it).

import { isMapping, type KubeObject } from '../k8s/types';
import { podSecurityPluginEntry } from '../psa/admission-configuration';
import { PSA_CONFIG_KIND, validatePodSecurityConfiguration, type PodSecurityConfig } from '../psa/pod-security-configuration';
import { fieldPathString } from '../psa/field-error';
import type { InputError } from '../sources/input-error';
import type { SourceObject } from '../sources/parse-documents';
import { locate } from '../sources/positions';
import { requirementProblem } from './label-selector';
import type {
  LabelSelector,
  LabelSelectorOperator,
  LabelSelectorRequirement,
  NamespaceObject,
  PolicyRule,
  RbacBinding,
  RbacObjects,
  RbacRole,
  ServiceAccountObject,
  Subject,
  Where,
} from './model';

const RBAC_GROUP = 'rbac.authorization.k8s.io/';

export interface PodSecurityInput {
  readonly config: PodSecurityConfig;
  readonly where: Where;
}

/** Collects objects from many source units. */
export class RbacObjectReader {
  private readonly roles: RbacRole[] = [];
  private readonly clusterRoles: RbacRole[] = [];
  private readonly roleBindings: RbacBinding[] = [];
  private readonly clusterRoleBindings: RbacBinding[] = [];
  private readonly namespaces: NamespaceObject[] = [];
  private readonly serviceAccounts: ServiceAccountObject[] = [];
  private readonly seen = new Map<string, Where>();
  readonly errors: InputError[] = [];
  podSecurity: PodSecurityInput | undefined;
  /** Objects read, and those that were neither RBAC, Namespace, ServiceAccount nor a PodSecurityConfiguration. */
  objects = 0;
  skipped = 0;

  add(src: SourceObject): void {
    this.objects++;
    const o = src.object;
    const kind = o.kind;
    const rbac = typeof o.apiVersion === 'string' && o.apiVersion.startsWith(RBAC_GROUP);
    const ctx = new ObjectContext(src, this.errors);
    if (rbac && (kind === 'Role' || kind === 'ClusterRole')) this.keep(ctx, kind, readRole(ctx, kind), kind === 'Role' ? this.roles : this.clusterRoles);
    else if (rbac && (kind === 'RoleBinding' || kind === 'ClusterRoleBinding'))
      this.keep(ctx, kind, readBinding(ctx, kind), kind === 'RoleBinding' ? this.roleBindings : this.clusterRoleBindings);
    else if (o.apiVersion === 'v1' && kind === 'Namespace') {
      const name = ctx.name(false);
      if (name !== undefined) this.keep(ctx, kind, { name, labels: ctx.labels(), source: ctx.where }, this.namespaces);
    } else if (o.apiVersion === 'v1' && kind === 'ServiceAccount') {
      const name = ctx.name(true);
      if (name !== undefined) this.keep(ctx, kind, { namespace: ctx.namespace()!, name, source: ctx.where }, this.serviceAccounts);
    } else if (kind === PSA_CONFIG_KIND || kind === 'AdmissionConfiguration') this.readPodSecurity(ctx, o);
    else this.skipped++;
  }

  private keep<T extends { name: string; namespace?: string }>(ctx: ObjectContext, kind: string, value: T | undefined, into: T[]): void {
    if (value === undefined) return;
    const key = `${kind}/${value.namespace ?? ''}/${value.name}`;
    const first = this.seen.get(key);
    if (first) {
      ctx.error(
        [],
        `${kind} ${value.namespace !== undefined ? `${value.namespace}/` : ''}${value.name} is given twice (first at ${first.file}:${first.line}); the first is used`,
      );
      return;
    }
    this.seen.set(key, ctx.where);
    into.push(value);
  }

  private readPodSecurity(ctx: ObjectContext, o: KubeObject): void {
    let value: unknown = o;
    let at: (string | number)[] = [];
    if (o.kind === 'AdmissionConfiguration') {
      const entry = podSecurityPluginEntry(o);
      if (!entry || 'error' in entry || 'path' in entry) {
        ctx.error(
          entry?.at ?? [],
          entry && 'path' in entry
            ? 'the PodSecurity plugin names a file (path:): give that PodSecurityConfiguration file itself'
            : entry && 'error' in entry
              ? entry.error
              : 'not an AdmissionConfiguration',
        );
        return;
      }
      value = entry.inline;
      at = [...entry.at];
    }
    if (this.podSecurity) {
      ctx.error(at, `a second PodSecurityConfiguration (the first is at ${this.podSecurity.where.file}:${this.podSecurity.where.line}); the first is used`);
      return;
    }
    const checked = validatePodSecurityConfiguration(value);
    for (const e of checked.errors) ctx.error([...at, ...e.path], e.message);
    this.podSecurity = { config: checked.config, where: ctx.where };
  }

  finish(): RbacObjects {
    return {
      roles: this.roles,
      clusterRoles: this.clusterRoles,
      roleBindings: this.roleBindings,
      clusterRoleBindings: this.clusterRoleBindings,
      namespaces: this.namespaces,
      serviceAccounts: this.serviceAccounts,
    };
  }
}

/** One object being read: its fields, and errors located at their lines. */
class ObjectContext {
  readonly where: Where;
  bad = false;
  constructor(
    readonly src: SourceObject,
    private readonly errors: InputError[],
  ) {
    this.where = { file: src.file, line: src.line };
  }

  get object(): Record<string, unknown> {
    return this.src.object as Record<string, unknown>;
  }

  error(path: readonly (string | number)[], message: string): void {
    this.bad = true;
    const s = this.src;
    const at = path.length === 0 ? { line: -1 } : locate(s.positions, s.object, s.line - s.lineOffset - 1, fieldPathString(path));
    const line = at.line >= 0 ? at.line + s.lineOffset + 1 : s.line;
    const what = `${String(s.object.kind)} ${this.label()}`;
    this.errors.push({ file: s.file, document: s.document, line, message: `${what}: ${path.length ? `${fieldPathString(path)}: ` : ''}${message}` });
  }

  private label(): string {
    const m = this.object['metadata'];
    if (!isMapping(m)) return '(no name)';
    return [m['namespace'], m['name']].filter((x) => typeof x === 'string' && x !== '').join('/') || '(no name)';
  }

  private meta(): Record<string, unknown> {
    const m = this.object['metadata'];
    return isMapping(m) ? m : {};
  }

  /** metadata.name, required; for namespaced kinds metadata.namespace too. */
  name(namespaced: boolean): string | undefined {
    const m = this.meta();
    const name = m['name'];
    if (typeof name !== 'string' || name === '') {
      this.error(['metadata', 'name'], 'required: every object needs a name');
      return undefined;
    }
    if (namespaced && this.namespace() === undefined) {
      this.error(['metadata', 'namespace'], 'required: a namespaced object read from a file must say its namespace (kubectl get -A -o yaml prints it)');
      return undefined;
    }
    return name;
  }

  namespace(): string | undefined {
    const ns = this.meta()['namespace'];
    return typeof ns === 'string' && ns !== '' ? ns : undefined;
  }

  labels(): Record<string, string> {
    const l = this.meta()['labels'];
    if (l === undefined || l === null) return {};
    if (!isMapping(l) || Object.values(l).some((v) => typeof v !== 'string')) {
      this.error(['metadata', 'labels'], 'must be a mapping of strings');
      return {};
    }
    return l as Record<string, string>;
  }

  /** A list of strings (absent or null: empty, as Go decodes it). */
  strings(parent: Record<string, unknown>, key: string, path: readonly (string | number)[]): string[] {
    const v = parent[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      this.error([...path, key], 'must be a list of strings');
      return [];
    }
    return v as string[];
  }

  /** A list of mappings (absent or null: empty). */
  mappings(parent: Record<string, unknown>, key: string, path: readonly (string | number)[]): Record<string, unknown>[] {
    const v = parent[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.error([...path, key], 'must be a list');
      return [];
    }
    const out: Record<string, unknown>[] = [];
    v.forEach((x, i) => {
      if (isMapping(x)) out.push(x);
      else this.error([...path, key, i], 'must be a mapping');
    });
    return out;
  }

  string(parent: Record<string, unknown>, key: string, path: readonly (string | number)[], required: boolean): string | undefined {
    const v = parent[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.error([...path, key], 'required');
      return undefined;
    }
    if (typeof v !== 'string') {
      this.error([...path, key], 'must be a string');
      return undefined;
    }
    return v;
  }
}

function readRules(ctx: ObjectContext): PolicyRule[] {
  return ctx.mappings(ctx.object, 'rules', []).map((r, i) => {
    const at = ['rules', i];
    return {
      verbs: ctx.strings(r, 'verbs', at),
      apiGroups: ctx.strings(r, 'apiGroups', at),
      resources: ctx.strings(r, 'resources', at),
      resourceNames: ctx.strings(r, 'resourceNames', at),
      nonResourceURLs: ctx.strings(r, 'nonResourceURLs', at),
    };
  });
}

function readSelector(ctx: ObjectContext, s: Record<string, unknown>, at: (string | number)[]): LabelSelector {
  const ml = s['matchLabels'];
  let matchLabels: Record<string, string> = {};
  if (ml !== undefined && ml !== null) {
    if (!isMapping(ml) || Object.values(ml).some((v) => typeof v !== 'string')) ctx.error([...at, 'matchLabels'], 'must be a mapping of strings');
    else matchLabels = ml as Record<string, string>;
  }
  const matchExpressions: LabelSelectorRequirement[] = [];
  ctx.mappings(s, 'matchExpressions', at).forEach((e, i) => {
    const here = [...at, 'matchExpressions', i];
    const key = ctx.string(e, 'key', here, true);
    const operator = ctx.string(e, 'operator', here, true);
    const values = ctx.strings(e, 'values', here);
    if (key === undefined || operator === undefined) return;
    const problem = requirementProblem(operator, values);
    if (problem) ctx.error([...here, 'operator'], problem);
    else matchExpressions.push({ key, operator: operator as LabelSelectorOperator, values });
  });
  return { matchLabels, matchExpressions };
}

function readRole(ctx: ObjectContext, kind: 'Role' | 'ClusterRole'): RbacRole | undefined {
  const name = ctx.name(kind === 'Role');
  if (name === undefined) return undefined;
  const rules = readRules(ctx);
  const labels = ctx.labels();
  let aggregationRule: RbacRole['aggregationRule'];
  const agg = ctx.object['aggregationRule'];
  if (kind === 'ClusterRole' && agg !== undefined && agg !== null) {
    if (!isMapping(agg)) ctx.error(['aggregationRule'], 'must be a mapping');
    else
      aggregationRule = {
        clusterRoleSelectors: ctx
          .mappings(agg, 'clusterRoleSelectors', ['aggregationRule'])
          .map((s, i) => readSelector(ctx, s, ['aggregationRule', 'clusterRoleSelectors', i])),
      };
  }
  if (ctx.bad) return undefined;
  return {
    kind,
    ...(kind === 'Role' ? { namespace: ctx.namespace()! } : {}),
    name,
    labels,
    rules,
    ...(aggregationRule ? { aggregationRule } : {}),
    source: ctx.where,
  };
}

function readBinding(ctx: ObjectContext, kind: 'RoleBinding' | 'ClusterRoleBinding'): RbacBinding | undefined {
  const name = ctx.name(kind === 'RoleBinding');
  if (name === undefined) return undefined;
  const ref = ctx.object['roleRef'];
  if (!isMapping(ref)) {
    ctx.error(['roleRef'], 'required: a binding must name its role');
    return undefined;
  }
  const refKind = ctx.string(ref, 'kind', ['roleRef'], true);
  const refName = ctx.string(ref, 'name', ['roleRef'], true);
  const subjects: Subject[] = ctx.mappings(ctx.object, 'subjects', []).flatMap((s, i) => {
    const at = ['subjects', i];
    const k = ctx.string(s, 'kind', at, true);
    const n = ctx.string(s, 'name', at, true);
    const ns = ctx.string(s, 'namespace', at, false);
    return k === undefined || n === undefined ? [] : [{ kind: k, name: n, ...(ns !== undefined ? { namespace: ns } : {}) }];
  });
  if (ctx.bad || refKind === undefined || refName === undefined) return undefined;
  return {
    kind,
    ...(kind === 'RoleBinding' ? { namespace: ctx.namespace()! } : {}),
    name,
    roleRef: { kind: refKind, name: refName },
    subjects,
    source: ctx.where,
  };
}
