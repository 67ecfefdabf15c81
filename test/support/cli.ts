// Runs the built CLI as a user would: a child process with arguments and optional stdin.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(REPO, 'bin', 'podguard.js');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function podguard(args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Run {
  const p = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input ?? '',
    encoding: 'utf8',
    cwd: opts.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...opts.env },
    maxBuffer: 1 << 28,
  });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

/** Runs with --format json and parses stdout, failing loudly when it is not one JSON document. */
export function podguardJson(args: readonly string[], opts: { input?: string } = {}): { run: Run; doc: ScanDoc } {
  const run = podguard([...args, '-o', 'json'], opts);
  let doc: ScanDoc;
  try {
    doc = JSON.parse(run.stdout) as ScanDoc;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout.slice(0, 500)}\nstderr: ${run.stderr.slice(0, 500)}`);
  }
  return { run, doc };
}

export interface ScanDoc {
  schemaVersion: number;
  profile: { level: string; version: string };
  results: {
    source: { file: string; document: number; line: number; rendered?: { by: string; from: string; lines: string } };
    object: { apiVersion: string; kind: string; namespace?: string; name?: string };
    podPath: string;
    allowed: boolean;
    failed: boolean;
    exempt?: string;
    profile?: { level: string; version: string };
    violations: {
      check: string;
      standard: string;
      level?: string;
      severity: string;
      reason: string;
      detail: string;
      fields: { path: string; line?: number }[];
      container?: string;
      exception?: {
        status: string;
        id: string;
        source: string;
        justification: string;
        expires?: string;
        file?: string;
        line?: number;
        annotation?: string;
        problem?: string;
      };
    }[];
  }[];
  settings?: { preset?: string; failOn?: string; config?: string };
  errors: { file: string; document?: number; line?: number; message: string }[];
  summary: { files: number; objects: number; evaluated: number; allowed: number; denied: number; failed?: number; excepted?: number; errors: number };
}
