// The one source pipeline: every command that reads manifests (scan, fix, audit's offline mode,
// exceptions lint) takes its objects from here, so they read files, directories and stdin — and
// the sources added later (rendered kustomize overlays, Helm charts) — exactly alike. Inputs are
// read and parsed one at a time, in order, so memory stays flat however many files there are.

import { renderChart, type Rendering } from './helm';
import type { InputError } from './input-error';
import { readInput, STDIN_LABEL, type InputFile, type RenderKind } from './inputs';
import { renderKustomization } from './kustomize';
import { parseDocuments, type ParsedFile, type ParseOptions, type SourceObject } from './parse-documents';

/** One input, read and (on first use of `objects` or `errors`) parsed. */
export interface SourceUnit {
  readonly input: InputFile;
  /** The text as read (fix edits it); absent when the input could not be read. */
  readonly text?: string;
  /** Objects in input order, List items unpacked, each with its positions. */
  readonly objects: readonly SourceObject[];
  /** Problems reading or parsing this input; the other documents are still in `objects`. */
  readonly errors: readonly InputError[];
  /** The input holds no Kubernetes object (compose file, values.yaml, app config): skipped and counted. */
  readonly notManifest: boolean;
  /** Set when `text` is the output of rendering the input (not a file a fix could edit). */
  readonly rendered?: RenderKind;
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
    return (this.parsed ??= parseDocuments(this.text, this.input.label, this.input.path === null ? STDIN_OPTIONS : {}));
  }
  get notManifest(): boolean {
    return this.file.notManifest;
  }
  get objects(): readonly SourceObject[] {
    return this.file.objects;
  }
  get errors(): readonly InputError[] {
    return this.file.errors;
  }
}

/** `helm template … | podguard scan -`: objects are named by their templates (`# Source:` comments). */
const STDIN_OPTIONS: ParseOptions = { helmSource: (source) => source, renderedFrom: STDIN_LABEL };

function renderedUnit(input: InputFile, kind: RenderKind, r: Rendering): SourceUnit {
  return {
    input,
    ...(r.text !== undefined ? { text: r.text } : {}),
    objects: r.parsed.objects,
    errors: r.parsed.errors,
    notManifest: r.parsed.notManifest,
    rendered: kind,
  };
}

export async function readUnit(input: InputFile): Promise<SourceUnit> {
  if (input.render) {
    const kind = input.render.kind;
    const r = kind === 'helm' ? await renderChart(input, input.render.options) : await renderKustomization(input, input.render.options);
    return renderedUnit(input, kind, r);
  }
  const read = await readInput(input);
  if ('error' in read) return { input, objects: NOTHING, errors: [read.error], notManifest: false };
  return new ReadUnit(input, read.text);
}

/** Each input in turn; the next is read only when the consumer asks for it. */
export async function* readSources(inputs: readonly InputFile[]): AsyncGenerator<SourceUnit> {
  for (const input of inputs) yield await readUnit(input);
}
