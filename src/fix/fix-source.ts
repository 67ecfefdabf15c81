// Fixes one file's text: in bounded passes, evaluate every object, plan its fixes, turn the
// changes into text edits, apply those that do not overlap, and check that the edited text reads
// back as exactly the intended objects before going on. Whatever is still wrong at the end is
// reported with the reason it was not fixed. The input text is never modified in place.

import { evaluateObject } from '../engine/evaluate';
import type { NamespacedSettings } from '../scan/scan-inputs';
import type { InputError } from '../sources/input-error';
import { parseDocuments, type ParsedFile, type SourceObject } from '../sources/parse-documents';
import { parsePath } from '../sources/positions';
import { applyChange, ChangeError, sameData } from './change';
import { outcomeOf, settingsOf, type AppliedChange, type ObjectOutcome } from './outcome';
import { openFindings, planObject, type FixOptions, type ObjectChange } from './plan';
import { changeToEdit } from './source/edits';
import { readSource } from './source/documents';
import { applyEdits, selectEdits, type TextEdit } from './text-edit';

/** Passes after which fixing stops even if edits remain (each pass re-checks everything). */
export const MAX_PASSES = 10;

export interface SourceFixResult {
  readonly output: string;
  /** Pod-bearing objects, in input order. */
  readonly objects: readonly ObjectOutcome[];
  readonly errors: readonly InputError[];
  /** Passes that changed the text. */
  readonly passes: number;
}

interface Candidate extends TextEdit {
  readonly key: string;
  /** Order in which the change was planned: the order to apply changes to an object in. */
  readonly seq: number;
  readonly change: ObjectChange;
}

function keyOf(src: SourceObject): string {
  return `${src.document}:${src.item ?? ''}`;
}

/** Why the edited text is not what the applied changes promise, or undefined when it is. */
function verify(before: ParsedFile, afterText: string, file: string, applied: readonly Candidate[]): string | undefined {
  const after = parseDocuments(afterText, file);
  if (after.errors.length !== before.errors.length) {
    const fresh = after.errors.find((e) => !before.errors.some((b) => b.message === e.message)) ?? after.errors[0];
    return `the edited text would not read back (${fresh?.message ?? 'an error went away'})`;
  }
  if (after.objects.length !== before.objects.length) return 'the edited text would hold a different number of objects';
  const byKey = new Map<string, Candidate[]>();
  for (const c of [...applied].sort((a, b) => a.seq - b.seq)) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
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
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function fixSource(text: string, file: string, settings: NamespacedSettings, options: FixOptions): SourceFixResult {
  let current = text;
  const applied = new Map<string, AppliedChange[]>();
  let editProblems = new Map<string, string[]>();
  const errors: InputError[] = [];
  let passes = 0;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const parsed = parseDocuments(current, file);
    if (pass === 1) errors.push(...parsed.errors);
    const source = readSource(current);
    const candidates: Candidate[] = [];
    const problems = new Map<string, string[]>();
    for (const src of parsed.objects) {
      const objectSettings = settingsOf(settings, src.object);
      const verdict = evaluateObject(src.object, objectSettings);
      if (!verdict || openFindings(verdict).length === 0) continue;
      const key = keyOf(src);
      const prefix = src.item === undefined ? [] : ['items', src.item];
      for (const plan of planObject(src.object, verdict, objectSettings.profile, options)) {
        for (const change of plan.changes) {
          const r = changeToEdit(source.document(src.document), prefix, parsePath(change.change.path), change.change);
          if ('edit' in r) {
            candidates.push({ ...r.edit, key, seq: candidates.length, change });
          } else if ('problem' in r) {
            const k = `${key}|${change.check}`;
            problems.set(k, [...(problems.get(k) ?? []), r.problem]);
          }
        }
      }
    }
    editProblems = problems;
    if (candidates.length === 0) break;
    const { chosen, duplicates } = selectEdits(candidates);
    let next = applyEdits(current, chosen);
    let done: Candidate[] = [...chosen, ...duplicates];
    let problem = verify(parsed, next, file, done);
    if (problem !== undefined && chosen.length > 1) {
      // Fall back to one edit at a time: the others are planned again next pass.
      const first = chosen[0]!;
      next = applyEdits(current, [first]);
      done = [first, ...duplicates.filter((d) => d.start === first.start && d.end === first.end && d.text === first.text)];
      problem = verify(parsed, next, file, done);
    }
    if (problem !== undefined) {
      errors.push({ file, message: `podguard could not edit this file safely: ${problem}; ${pass === 1 ? 'it was left unchanged' : `only the first ${pass - 1} passes of fixes were kept`}` });
      break;
    }
    current = next;
    passes = pass;
    for (const c of done.sort((a, b) => a.seq - b.seq)) applied.set(c.key, [...(applied.get(c.key) ?? []), { ...c.change, pass }]);
  }
  if (current !== text && isJson(text) && !isJson(current)) {
    errors.push({ file, message: 'podguard could not edit this file safely: the fixed JSON would not parse; it was left unchanged' });
    current = text;
    applied.clear();
  }

  const objects: ObjectOutcome[] = [];
  for (const src of parseDocuments(current, file).objects) {
    const verdict = evaluateObject(src.object, settingsOf(settings, src.object));
    if (!verdict) continue;
    const key = keyOf(src);
    objects.push(outcomeOf(src, verdict, applied.get(key) ?? [], (check, planned) => {
      const editProblem = editProblems.get(`${key}|${check}`);
      if (editProblem) return [{ kind: 'not-applied', reasons: editProblem }];
      return planned > 0 ? [{ kind: 'not-applied', reasons: [`its fix did not settle within ${MAX_PASSES} passes`] }] : [];
    }, settings, options));
  }
  return { output: current, objects, errors, passes };
}
