// Turns an evaluated source object into the result of the JSON contract: object identity,
// source position, and each finding's fields located at their lines.

import type { ObjectVerdict } from '../engine/evaluate';
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

export function toResult(src: SourceObject, verdict: ObjectVerdict): Result {
  const rootLine = src.line - src.lineOffset - 1;
  const violations: Violation[] = verdict.findings.map((f) => ({
    check: f.check,
    standard: f.standard,
    level: f.level,
    reason: f.reason,
    detail: f.detail,
    fields: f.fields.map((p) => {
      const at = locate(src.positions, src.object, rootLine, p);
      return at.line >= 0 ? { path: at.path, line: at.line + src.lineOffset + 1 } : { path: at.path };
    }),
  }));
  return {
    source: { file: src.file, document: src.document, line: src.line },
    object: objectRef(src),
    podPath: verdict.podPath,
    allowed: verdict.allowed,
    violations,
  };
}
