// Fixes one file's text with the fix engine (engine/passes.ts) and its text applier: in bounded
// passes, every object is evaluated, its fixes planned and screened, and the edits that fit
// together are made and checked to read back as exactly the intended objects. Whatever is still
// wrong at the end is reported with the reason it was not fixed.

import { evaluateObject } from '../../engine/evaluate';
import type { NamespacedSettings } from '../../scan/scan-inputs';
import type { InputError } from '../../sources/input-error';
import { parseDocuments } from '../../sources/parse-documents';
import { MAX_PASSES, runPasses } from './passes';
import { keyOf, TextApplier } from './text-applier';
import { outcomeOf, settingsOf, type ObjectOutcome } from './outcome';
import type { FixOptions } from './plan';

export { MAX_PASSES };

export interface SourceFixResult {
  readonly output: string;
  /** Pod-bearing objects, in input order. */
  readonly objects: readonly ObjectOutcome[];
  readonly errors: readonly InputError[];
  /** Passes that changed the text. */
  readonly passes: number;
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
  const applier = new TextApplier(text, file, settings);
  const errors: InputError[] = [...applier.errors];
  const r = runPasses(applier, options);
  let current = applier.text;
  let applied = r.applied;
  if (r.failure) {
    const kept = r.failure.pass === 1 ? 'it was left unchanged' : `only the first ${r.failure.pass - 1} passes of fixes were kept`;
    errors.push({ file, message: `podguard could not edit this file safely: ${r.failure.message}; ${kept}` });
  }
  if (current !== text && isJson(text) && !isJson(current)) {
    errors.push({ file, message: 'podguard could not edit this file safely: the fixed JSON would not parse; it was left unchanged' });
    current = text;
    applied = new Map();
  }

  const objects: ObjectOutcome[] = [];
  for (const src of parseDocuments(current, file).objects) {
    const verdict = evaluateObject(src.object, settingsOf(settings, src.object));
    if (!verdict) continue;
    const key = keyOf(src);
    const problems = r.problems.get(key);
    objects.push(
      outcomeOf(
        src,
        verdict,
        applied.get(key) ?? [],
        (check, planned) => {
          const reasons = problems?.get(check);
          if (reasons) return [{ kind: 'not-applied', reasons }];
          return planned > 0 ? [{ kind: 'not-applied', reasons: [`its fix did not settle within ${MAX_PASSES} passes`] }] : [];
        },
        settings,
        options,
      ),
    );
  }
  return { output: current, objects, errors, passes: applied.size === 0 ? 0 : r.passes };
}
