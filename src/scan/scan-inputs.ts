// The scan pipeline shared by commands that read manifests: read each input, parse it into
// objects with positions, evaluate every pod-bearing object with its namespace's settings, and
// hand each file's results to a reporter as soon as the file is done.

import { evaluateObject, type EvaluationSettings } from '../engine/evaluate';
import type { Reporter, ReportError, Result, RunInfo, Summary } from '../report/model';
import { outputsDrained } from '../report/output';
import type { InputError } from '../sources/input-error';
import type { InputFile } from '../sources/inputs';
import { readSources } from '../sources/read-sources';
import { toResult } from './to-result';

/** Settings that may differ per namespace (what loadSettings returns). */
export interface NamespacedSettings {
  readonly base: EvaluationSettings;
  settingsFor(namespace: string | undefined): EvaluationSettings;
}

function namespaced(s: EvaluationSettings | NamespacedSettings): NamespacedSettings {
  if ('settingsFor' in s) return s;
  return { base: s, settingsFor: () => s };
}

export async function scanInputs(
  inputs: readonly InputFile[],
  earlyErrors: readonly InputError[],
  settings: EvaluationSettings | NamespacedSettings,
  reporter: Reporter,
  run?: RunInfo,
): Promise<Summary> {
  const summary: Summary = { files: 0, objects: 0, evaluated: 0, allowed: 0, denied: 0, failed: 0, excepted: 0, errors: 0 };
  const ns = namespaced(settings);
  const runProfile = ns.base.profile;
  reporter.begin(runProfile, run);
  for (const e of earlyErrors) {
    summary.errors++;
    reporter.file({ file: e.file, results: [], errors: [e] });
  }
  for await (const unit of readSources(inputs)) {
    summary.files++;
    if (unit.notManifest) {
      summary.notManifests = (summary.notManifests ?? 0) + 1;
      reporter.file({ file: unit.input.label, results: [], errors: [], notManifest: true });
      continue;
    }
    const errors: ReportError[] = [...unit.errors];
    const results: Result[] = [];
    for (const src of unit.objects) {
      summary.objects++;
      const namespace = src.object.metadata?.namespace;
      const objectSettings = ns.settingsFor(typeof namespace === 'string' ? namespace : undefined);
      const verdict = evaluateObject(src.object, objectSettings);
      if (!verdict) continue;
      summary.evaluated++;
      if (verdict.allowed) summary.allowed++;
      else summary.denied++;
      if (verdict.failed) summary.failed!++;
      for (const f of verdict.findings) if (f.exception?.status === 'applied') summary.excepted!++;
      results.push(toResult(src, verdict, objectSettings.profile, runProfile));
    }
    summary.errors += errors.length;
    reporter.file({ file: unit.input.label, results, errors, ...(unit.rendered ? { rendered: unit.rendered } : {}) });
    await outputsDrained(); // keep memory flat when stdout is a slow pipe
  }
  await reporter.end(summary);
  return summary;
}
