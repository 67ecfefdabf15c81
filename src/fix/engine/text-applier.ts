// The engine's applier for files: turns each change into a minimal text edit on the document it
// concerns (source/edits.ts), applies those that do not overlap (text-edit.ts), and checks that
// the edited text reads back as exactly the objects the engine expects before keeping it. The
// original text is never modified in place.

import type { KubeObject } from '../../k8s/types';
import type { NamespacedSettings } from '../../scan/scan-inputs';
import type { InputError } from '../../sources/input-error';
import { parseDocuments, type ParsedFile, type SourceObject } from '../../sources/parse-documents';
import { parsePath } from '../../sources/positions';
import { applyChange, ChangeError, sameData } from './change';
import { settingsOf } from './outcome';
import { readSource } from '../source/documents';
import { changeToEdit } from '../source/edits';
import { applyEdits, selectEdits, type TextEdit } from '../source/text-edit';
import type { Applier, EngineObject, PassChange, PassResult } from './passes';

export function keyOf(src: SourceObject): string {
  return `${src.document}:${src.item ?? ''}`;
}

type Candidate = TextEdit & PassChange;

/** Why the edited text is not what the applied changes promise, or the edited text read back when it is. */
function verify(before: ParsedFile, afterText: string, file: string, applied: readonly Candidate[]): string | ParsedFile {
  const after = parseDocuments(afterText, file);
  if (after.errors.length !== before.errors.length) {
    const known = new Set(before.errors.map((b) => b.message));
    const fresh = after.errors.find((e) => !known.has(e.message)) ?? after.errors[0];
    return `the edited text would not read back (${fresh?.message ?? 'an error went away'})`;
  }
  if (after.objects.length !== before.objects.length) return 'the edited text would hold a different number of objects';
  const byKey = new Map<string, Candidate[]>();
  for (const c of [...applied].sort((a, b) => a.seq - b.seq)) {
    const list = byKey.get(c.key);
    if (list) list.push(c);
    else byKey.set(c.key, [c]);
  }
  for (let i = 0; i < before.objects.length; i++) {
    const b = before.objects[i]!;
    const a = after.objects[i]!;
    if (keyOf(a) !== keyOf(b)) return 'the edited text would move objects';
    let expected: unknown = b.object;
    const changes = byKey.get(keyOf(b));
    if (changes) {
      const copy = structuredClone(b.object) as Record<string, unknown>;
      try {
        for (const c of changes) applyChange(copy, c.change.change);
      } catch (e) {
        if (e instanceof ChangeError) return `a change does not fit the object at line ${b.line}: ${e.message}`;
        throw e;
      }
      expected = copy;
    }
    if (!sameData(expected, a.object)) return `the object at line ${b.line} would not read back as intended`;
  }
  return after;
}

export class TextApplier implements Applier {
  private parsed: ParsedFile;
  /** What the first read of the file found wrong (broken documents are left as they are). */
  readonly errors: readonly InputError[];

  constructor(
    public text: string,
    private readonly file: string,
    private readonly settings: NamespacedSettings,
  ) {
    this.parsed = parseDocuments(text, file);
    this.errors = this.parsed.errors;
  }

  objects(): readonly EngineObject[] {
    return this.parsed.objects.map((src) => ({ key: keyOf(src), object: src.object, settings: settingsOf(this.settings, src.object) }));
  }

  apply(changes: readonly PassChange[], _expected: ReadonlyMap<string, KubeObject>): PassResult | { failure: string } {
    const source = readSource(this.text);
    const bySrc = new Map(this.parsed.objects.map((src) => [keyOf(src), src]));
    const candidates: Candidate[] = [];
    const problems: [string, string, string][] = [];
    for (const c of changes) {
      const src = bySrc.get(c.key)!;
      const prefix = src.item === undefined ? [] : ['items', src.item];
      const r = changeToEdit(source.document(src.document), prefix, parsePath(c.change.change.path), c.change.change);
      if ('edit' in r) candidates.push({ ...r.edit, ...c });
      else if ('problem' in r) problems.push([c.key, c.change.check, r.problem]);
    }
    if (candidates.length === 0) return { made: [], problems };
    const { chosen, duplicates } = selectEdits(candidates);
    let next = applyEdits(this.text, chosen);
    let done: Candidate[] = [...chosen, ...duplicates];
    let checked = verify(this.parsed, next, this.file, done);
    if (typeof checked === 'string' && chosen.length > 1) {
      // Fall back to one edit at a time: the others are planned again next pass.
      const first = chosen[0]!;
      next = applyEdits(this.text, [first]);
      done = [first, ...duplicates.filter((d) => d.start === first.start && d.end === first.end && d.text === first.text)];
      checked = verify(this.parsed, next, this.file, done);
    }
    if (typeof checked === 'string') return { failure: checked };
    this.text = next;
    this.parsed = checked;
    return { made: done, problems };
  }
}
