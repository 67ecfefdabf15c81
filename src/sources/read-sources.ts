// The one source pipeline: every command that reads manifests (scan, fix, audit's offline mode,
// exceptions lint) takes its objects from here, so they read files, directories and stdin — and
// the sources added later (rendered kustomize overlays, Helm charts) — exactly alike. Inputs are
// read and parsed one at a time, in order, so memory stays flat however many files there are.

import type { InputError } from './input-error';
import { readInput, type InputFile } from './inputs';
import { parseDocuments, type SourceObject } from './parse-documents';

/** One input, read and parsed. */
export interface SourceUnit {
  readonly input: InputFile;
  /** The text as read (fix edits it); absent when the input could not be read. */
  readonly text?: string;
  /** Objects in input order, List items unpacked, each with its positions. */
  readonly objects: readonly SourceObject[];
  /** Problems reading or parsing this input; the other documents are still in `objects`. */
  readonly errors: readonly InputError[];
}

const NOTHING: readonly SourceObject[] = Object.freeze([]);

export async function readUnit(input: InputFile): Promise<SourceUnit> {
  const read = await readInput(input);
  if ('error' in read) return { input, objects: NOTHING, errors: [read.error] };
  const parsed = parseDocuments(read.text, input.label);
  return { input, text: read.text, objects: parsed.objects, errors: parsed.errors };
}

/** Each input in turn; the next is read only when the consumer asks for it. */
export async function* readSources(inputs: readonly InputFile[]): AsyncGenerator<SourceUnit> {
  for (const input of inputs) yield await readUnit(input);
}
