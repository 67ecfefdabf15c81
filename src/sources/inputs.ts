// Resolves the paths a user names into the inputs to read: files as given, directories searched
// recursively for .yaml, .yml and .json (in a stable, sorted order), `-` for standard input. A
// directory holding a kustomization or a Helm chart is one input, rendered when read (what the
// repository deploys is the rendered output, not the files in it). `.git` and `node_modules` are
// never walked; --ignore patterns and .podguardignore files leave out more.

import fs from 'node:fs';
import path from 'node:path';
import type { InputError } from './input-error';
import { IgnoreRules } from './ignore';

export const STDIN_LABEL = '<stdin>';
const MANIFEST_EXT = /\.(ya?ml|json)$/i;

/**
 * Files larger than this are refused rather than read into memory (256 MiB; PODGUARD_MAX_FILE_MIB
 * changes it, for machines with more or less memory to spare).
 */
export const MAX_FILE_BYTES = Math.max(1, Number(process.env['PODGUARD_MAX_FILE_MIB']) || 256) * 1024 * 1024;

/** How rendered inputs are rendered: the programs to use and what to pass to Helm. */
export interface RenderOptions {
  /** --helm-values FILE, in order. */
  readonly helmValues?: readonly string[];
  /** --helm-set key=value, in order. */
  readonly helmSet?: readonly string[];
  /** A configured helm binary (path or name); default: helm on PATH. */
  readonly helmBinary?: string;
  /** A configured kustomize or kubectl binary; default: kustomize, then kubectl, on PATH. */
  readonly kustomizeBinary?: string;
}

export type RenderKind = 'kustomize' | 'helm';

export interface InputFile {
  /** The path as the user gave it (or joined under the directory they gave), or `<stdin>`. */
  readonly label: string;
  readonly path: string | null;
  /** A kustomization or chart directory: `path` is the directory, read by rendering it. */
  readonly render?: { readonly kind: RenderKind; readonly options: RenderOptions };
}

export interface ResolveOptions {
  readonly ignore?: IgnoreRules;
  readonly render?: RenderOptions;
}

/** The names kustomize accepts for its file, in the order it looks for them (konfig.RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** Directories never walked, whatever the ignore rules say: version control and vendored packages. */
const NEVER_WALKED = new Set(['.git', 'node_modules']);

/** Whether `dir` is rendered rather than walked, and how. */
export function renderKindOf(dir: string): RenderKind | undefined {
  let names: Set<string>;
  try {
    names = new Set(fs.readdirSync(dir));
  } catch {
    return undefined;
  }
  if (KUSTOMIZATION_FILES.some((f) => names.has(f))) return 'kustomize';
  if (names.has('Chart.yaml')) return 'helm';
  return undefined;
}

/** A path the user named that does not exist: a usage error, reported before anything runs. */
export class MissingPathError extends Error {}

function walk(dir: string, label: string, out: InputFile[], errors: InputError[], rules: IgnoreRules, relative: string, options: ResolveOptions): void {
  const kind = renderKindOf(dir);
  if (kind) {
    out.push({ label, path: dir, render: { kind, options: options.render ?? {} } });
    return;
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push({ file: label, message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    const shown = path.join(label, e.name);
    const rel = relative === '' ? e.name : `${relative}/${e.name}`;
    if (e.isDirectory()) {
      if (NEVER_WALKED.has(e.name) || rules.ignores(rel, true)) continue;
      walk(full, shown, out, errors, rules.withFileIn(full, rel), rel, options);
    } else if ((e.isFile() || e.isSymbolicLink()) && MANIFEST_EXT.test(e.name) && !rules.ignores(rel, false)) {
      out.push({ label: shown, path: full });
    }
  }
}

/** Expands the user's paths. Throws MissingPathError naming every path that does not exist. */
export function resolveInputs(args: readonly string[], errors: InputError[], options: ResolveOptions = {}): InputFile[] {
  const missing = args.filter((a) => a !== '-' && !fs.existsSync(a));
  if (missing.length) throw new MissingPathError(`no such file or directory: ${missing.join(', ')}`);
  const out: InputFile[] = [];
  const base = options.ignore ?? IgnoreRules.none();
  for (const a of args) {
    if (a === '-') out.push({ label: STDIN_LABEL, path: null });
    else if (fs.statSync(a).isDirectory()) walk(a, a, out, errors, base.withFileIn(a), '', options);
    else out.push({ label: a, path: a }); // a file named explicitly is read even if a pattern matches it
  }
  return out;
}

const TOO_LARGE = `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; not read`;

async function readStdin(): Promise<Buffer | string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_FILE_BYTES) return `input ${TOO_LARGE}`;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function readFile(file: string): Buffer | string {
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.fstatSync(fd).size > MAX_FILE_BYTES) return `file ${TOO_LARGE}`;
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads one input as UTF-8 text, or returns an error for it. */
export async function readInput(input: InputFile): Promise<{ text: string } | { error: InputError }> {
  try {
    const buf = input.path === null ? await readStdin() : readFile(input.path);
    if (typeof buf === 'string') return { error: { file: input.label, message: buf } };
    if (buf.includes(0)) return { error: { file: input.label, message: 'file is binary (contains NUL bytes); not a manifest' } };
    return { text: buf.toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      error: {
        file: input.label,
        message: `cannot read: ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (code ?? String(e))}`,
      },
    };
  }
}
