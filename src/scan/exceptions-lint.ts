// `podguard exceptions lint`: exceptions that no longer earn their place. Reports configured
// exceptions that have expired, lack a justification, or match nothing in the manifests given;
// and annotation exceptions that are unusable (no justification, bad expiry), expired, name an
// unknown or locked check, or match no finding on their object.

import { evaluateObject, type Finding } from '../engine/evaluate';
import type { LoadedSettings } from '../config/load';
import { podViewOf } from '../engine/pod-views';
import { containersAt } from '../k8s/container-paths';
import { describeObject, namedObject } from '../k8s/object-ref';
import type { SourceObject } from '../sources/parse-documents';
import { locate } from '../sources/positions';
import { annotationExceptions, type AnnotationProblem } from '../exceptions/annotations';
import type { ExceptionRule } from '../exceptions/exception';
import { inScope } from '../exceptions/match';

export type LintKind = 'expired' | 'unused' | 'no-justification' | 'invalid' | 'locked' | 'unknown-check' | 'config-error';

export interface LintProblem {
  readonly kind: LintKind;
  readonly source: 'config' | 'annotation';
  /** The exception's id (config) or annotation key. */
  readonly id?: string;
  readonly file: string;
  readonly line?: number;
  /** For annotation exceptions: the object they sit on (`Deployment shop/web`). */
  readonly object?: string;
  readonly message: string;
}

function containerNames(f: Finding, obj: SourceObject['object']): string[] | undefined {
  if (f.container !== undefined) return [f.container];
  const view = podViewOf(obj);
  if (!view) return undefined;
  return containersAt(
    view.spec,
    f.fields.map((p) => p.slice(view.prefix.length)),
  );
}

export class ExceptionLinter {
  private readonly used = new Set<string>();
  private readonly problems: LintProblem[] = [];
  private readonly known: ReadonlySet<string>;
  private objects = 0;

  /**
   * `manifestsGiven`: manifests were named, so a configured exception that matches nothing in them
   * is reported even when they hold no pod at all (otherwise only once some object was evaluated).
   */
  constructor(
    private readonly loaded: LoadedSettings,
    private readonly now: number,
    private readonly manifestsGiven = false,
  ) {
    this.known = loaded.knownCheckIds;
  }

  /** Evaluates one object and checks its annotation exceptions. */
  addObject(src: SourceObject): void {
    const obj = src.object;
    const namespace = typeof obj.metadata?.namespace === 'string' ? obj.metadata.namespace : undefined;
    const verdict = evaluateObject(obj, this.loaded.settingsFor(namespace));
    if (!verdict) return;
    this.objects++;
    const target = {
      namespace,
      kind: typeof obj.kind === 'string' ? obj.kind : undefined,
      name: typeof obj.metadata?.name === 'string' ? obj.metadata.name : undefined,
    };
    const withContainers = verdict.findings.map((f) => ({ ...target, check: f.check, containers: containerNames(f, obj) }));
    for (const rule of this.loaded.exceptions.rules) {
      if (!this.used.has(rule.id) && withContainers.some((t) => inScope(rule, t))) this.used.add(rule.id);
    }
    const view = podViewOf(obj)!;
    const places: [typeof obj.metadata, string][] = [[obj.metadata, 'metadata']];
    if (view.metadata !== obj.metadata) places.push([view.metadata, `${view.prefix}metadata`]);
    for (const [meta, at] of places) {
      const suffixProblems: AnnotationProblem[] = [];
      const rules = annotationExceptions(meta, suffixProblems);
      const lineOf = (key: string) => {
        const l = locate(src.positions, obj, src.line - src.lineOffset - 1, `${at}.annotations[${JSON.stringify(key)}]`);
        return l.line >= 0 ? l.line + src.lineOffset + 1 : src.line;
      };
      const add = (kind: LintKind, rule: Pick<ExceptionRule, 'id'>, message: string) =>
        this.problems.push({
          kind,
          source: 'annotation',
          id: rule.id,
          file: src.file,
          line: lineOf(rule.id),
          object: describeObject(namedObject(obj)),
          message,
        });
      for (const p of suffixProblems) if (!rules.some((r) => r.id === p.key)) add('invalid', { id: p.key }, p.message);
      for (const rule of rules) {
        const check = rule.checks[0]!;
        if (!this.known.has(check)) add('unknown-check', rule, `names no known check ${JSON.stringify(check)} (see "podguard policies list")`);
        else if (this.loaded.exceptions.locked.has(check)) add('locked', rule, `check ${check} is locked by the administrator: annotations cannot except it`);
        else if (rule.problem !== undefined) add(rule.justification === '' ? 'no-justification' : 'invalid', rule, rule.problem);
        else if (rule.expiresAt !== undefined && this.now >= rule.expiresAt)
          add('expired', rule, `expired ${rule.expires}: remove it, or renew it with a new justification`);
        else if (!withContainers.some((t) => inScope(rule, t)))
          add('unused', rule, `matches no finding on this object: the problem it excepts is gone, so remove it`);
      }
    }
  }

  /** All problems: configuration errors about exceptions, then per-rule problems, then annotations in input order. */
  finish(): LintProblem[] {
    const out: LintProblem[] = [];
    for (const e of this.loaded.errors) {
      if (!/^exceptions\b|^lockedChecks\b/.test(e.message) && e.code !== 'no-justification') continue;
      out.push({
        kind: e.code === 'no-justification' ? 'no-justification' : 'config-error',
        source: 'config',
        file: e.file,
        ...(e.line !== undefined ? { line: e.line } : {}),
        message: e.message,
      });
    }
    for (const rule of this.loaded.exceptions.rules) {
      const where = rule.origin.kind === 'config' ? rule.origin : undefined;
      const base = { source: 'config' as const, id: rule.id, file: where?.file ?? '', ...(where?.line !== undefined ? { line: where.line } : {}) };
      if (rule.expiresAt !== undefined && this.now >= rule.expiresAt)
        out.push({ ...base, kind: 'expired', message: `exception ${rule.id} expired ${rule.expires}: remove it, or renew it with a new justification` });
      else if ((this.objects > 0 || this.manifestsGiven) && !this.used.has(rule.id))
        out.push({ ...base, kind: 'unused', message: `exception ${rule.id} matches nothing in the manifests given: remove it, or fix its scope` });
    }
    return [...out, ...this.problems];
  }

  get evaluated(): number {
    return this.objects;
  }
}
