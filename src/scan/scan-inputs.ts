// The scan pipeline shared by commands that read manifests: read each input, parse it into
// objects with positions, evaluate every pod-bearing object, and hand each file's results to a
// reporter as soon as the file is done.

import { evaluateObject, type EvaluationSettings } from '../engine/evaluate';
import type { Reporter, ReportError, Result, Summary } from '../report/model';
import type { InputError } from '../sources/input-error';
import { readInput, type InputFile } from '../sources/inputs';
import { parseDocuments } from '../sources/parse-documents';
import { toResult } from './to-result';

export async function scanInputs(inputs: readonly InputFile[], earlyErrors: readonly InputError[], settings: EvaluationSettings, reporter: Reporter): Promise<Summary> {
  const summary: Summary = { files: 0, objects: 0, evaluated: 0, allowed: 0, denied: 0, errors: 0 };
  reporter.begin(settings.profile);
  for (const e of earlyErrors) {
    summary.errors++;
    reporter.file({ file: e.file, results: [], errors: [e] });
  }
  for (const input of inputs) {
    summary.files++;
    const read = await readInput(input);
    const errors: ReportError[] = [];
    const results: Result[] = [];
    if ('error' in read) {
      errors.push(read.error);
    } else {
      const parsed = parseDocuments(read.text, input.label);
      errors.push(...parsed.errors);
      for (const src of parsed.objects) {
        summary.objects++;
        const verdict = evaluateObject(src.object, settings);
        if (!verdict) continue;
        summary.evaluated++;
        if (verdict.allowed) summary.allowed++;
        else summary.denied++;
        results.push(toResult(src, verdict));
      }
    }
    summary.errors += errors.length;
    reporter.file({ file: input.label, results, errors });
  }
  await reporter.end(summary);
  return summary;
}
