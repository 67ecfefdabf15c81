// The one source pipeline: every command that reads manifests (scan, fix, audit's offline mode,
// exceptions lint) takes its objects from here, so they read files, directories and stdin — and
// the sources added later (rendered kustomize overlays, Helm charts) — exactly alike. Inputs are
// read and parsed one at a time, in order, so memory stays flat however many files there are.

import type { InputError } from './input-error';
import { readInput, type InputFile } from './inputs';
import { parseDocuments, type ParsedFile, type SourceObject } from './parse-documents';

/** One input, read and (on first use of `objects` or `errors`) parsed. */
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

/** Parses when first asked, so a consumer that needs only the text (fix edits it) parses nothing here. */
class ReadUnit implements SourceUnit {
  private parsed: ParsedFile | undefined;
  constructor(
    readonly input: InputFile,
    readonly text: string,
  ) {}
  private get file(): ParsedFile {
    return (this.parsed ??= parseDocuments(this.text, this.input.label));
  }
  get objects(): readonly SourceObject[] {
    return this.file.objects;
  }
  get errors(): readonly InputError[] {
    return this.file.errors;
  }
}

export async function readUnit(input: InputFile): Promise<SourceUnit> {
  const read = await readInput(input);
  if ('error' in read) return { input, objects: NOTHING, errors: [read.error] };
  return new ReadUnit(input, read.text);
}

/** Each input in turn; the next is read only when the consumer asks for it. */
export async function* readSources(inputs: readonly InputFile[]): AsyncGenerator<SourceUnit> {
  for (const input of inputs) yield await readUnit(input);
}
