// Resolves the paths a user names into the files to read: files as given, directories searched
// recursively for .yaml, .yml and .json (in a stable, sorted order), `-` for standard input.

import fs from 'node:fs';
import path from 'node:path';
import type { InputError } from './input-error';

export const STDIN_LABEL = '<stdin>';
const MANIFEST_EXT = /\.(ya?ml|json)$/i;

/**
 * Files larger than this are refused rather than read into memory (256 MiB; PODGUARD_MAX_FILE_MIB
 * changes it, for machines with more or less memory to spare).
 */
export const MAX_FILE_BYTES = Math.max(1, Number(process.env['PODGUARD_MAX_FILE_MIB']) || 256) * 1024 * 1024;

export interface InputFile {
  /** The path as the user gave it (or joined under the directory they gave), or `<stdin>`. */
  readonly label: string;
  readonly path: string | null;
}

/** A path the user named that does not exist: a usage error, reported before anything runs. */
export class MissingPathError extends Error {}

function walk(dir: string, label: string, out: InputFile[], errors: InputError[]): void {
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
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue; // vendored and hidden trees
      walk(full, shown, out, errors);
    } else if ((e.isFile() || e.isSymbolicLink()) && MANIFEST_EXT.test(e.name)) {
      out.push({ label: shown, path: full });
    }
  }
}

/** Expands the user's paths. Throws MissingPathError naming every path that does not exist. */
export function resolveInputs(args: readonly string[], errors: InputError[]): InputFile[] {
  const missing = args.filter((a) => a !== '-' && !fs.existsSync(a));
  if (missing.length) throw new MissingPathError(`no such file or directory: ${missing.join(', ')}`);
  const out: InputFile[] = [];
  for (const a of args) {
    if (a === '-') out.push({ label: STDIN_LABEL, path: null });
    else if (fs.statSync(a).isDirectory()) walk(a, a, out, errors);
    else out.push({ label: a, path: a });
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
    return { error: { file: input.label, message: `cannot read: ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code ?? String(e)}` } };
  }
}
