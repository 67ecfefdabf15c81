// Turns an evaluated source object into the result of the JSON contract: object identity,
// source position, each finding's fields located at their lines, riskiest finding first.

import type { Finding, ObjectVerdict } from '../engine/evaluate';
import { severityRank } from '../policies/severity';
import type { Profile } from '../pss/evaluate';
import { effectiveMinor } from '../pss/version';
import type { ObjectRef, Result, Violation } from '../report/model';
import type { SourceObject } from '../sources/parse-documents';
import { locate } from '../sources/positions';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function objectRef(src: SourceObject): ObjectRef {
  const o = src.object;
  const ref: { apiVersion: string; kind: string; namespace?: string; name?: string } = { apiVersion: str(o.apiVersion) ?? '', kind: str(o.kind) ?? '' };
  const namespace = str(o.metadata?.namespace);
  const name = str(o.metadata?.name) ?? str(o.metadata?.['generateName']);
  if (namespace !== undefined) ref.namespace = namespace;
  if (name !== undefined) ref.name = name;
  return ref;
}

/** Risk order: severity first, then PSS before policies, then the engine's order (a stable sort). */
export function byRisk(
  a: { readonly severity: Finding['severity']; readonly standard: string },
  b: { readonly severity: Finding['severity']; readonly standard: string },
): number {
  return severityRank(a.severity) - severityRank(b.severity) || (a.standard === b.standard ? 0 : a.standard === 'pss' ? -1 : 1);
}

export function toResult(src: SourceObject, verdict: ObjectVerdict, profile?: Profile, runProfile?: Profile): Result {
  const rootLine = src.line - src.lineOffset - 1;
  const located = src.locateIn ?? src.object;
  const violations: Violation[] = verdict.findings.map((f) => {
    const fields = f.fields.map((p) => {
      const at = locate(src.positions, located, rootLine, p);
      return at.line >= 0 ? { path: at.path, line: at.line + src.lineOffset + 1 } : { path: at.path };
    });
    // Two literals rather than spreads: one allocation per violation, keys in the contract's order.
    const v: { -readonly [K in keyof Violation]: Violation[K] } =
      f.level !== undefined
        ? { check: f.check, standard: f.standard, level: f.level, severity: f.severity, reason: f.reason, detail: f.detail, fields }
        : { check: f.check, standard: f.standard, severity: f.severity, reason: f.reason, detail: f.detail, fields };
    if (f.container !== undefined) v.container = f.container;
    if (f.exception !== undefined) v.exception = f.exception;
    return v;
  });
  if (violations.length > 1) violations.sort(byRisk);
  const result: { -readonly [K in keyof Result]: Result[K] } = {
    source: src.rendered
      ? { file: src.file, document: src.document, line: src.line, rendered: src.rendered }
      : { file: src.file, document: src.document, line: src.line },
    object: objectRef(src),
    podPath: verdict.podPath,
    allowed: verdict.allowed,
    failed: verdict.failed,
    violations,
  };
  if (verdict.exempt !== undefined) result.exempt = verdict.exempt;
  if (profile && runProfile && (profile.level !== runProfile.level || effectiveMinor(profile.version) !== effectiveMinor(runProfile.version))) {
    result.profile = { level: profile.level, version: `v1.${effectiveMinor(profile.version)}` };
  }
  return result;
}
