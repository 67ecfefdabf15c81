// Drives podguard through its command line only (the src/ tree is free to move underneath):
// `podguard scan -o json --preset pss` over generated files.

import fs from 'node:fs';
import path from 'node:path';
import { run } from './processes';
import { PODGUARD } from './tools';

export interface ScanViolation {
  readonly check: string;
  readonly standard: string;
  readonly level?: string;
  readonly reason: string;
  readonly detail: string;
}

export interface ScanResult {
  readonly source: { file: string; document: number; line: number };
  readonly object: { kind: string; namespace?: string; name?: string };
  readonly allowed: boolean;
  readonly profile?: { level: string; version: string };
  readonly violations: ScanViolation[];
}

export interface ScanOutput {
  readonly profile: { level: string; version: string };
  readonly results: ScanResult[];
  readonly errors: { file: string; document?: number; line?: number; message: string }[];
}

/** Scans files and returns podguard's JSON document; exit codes 0 and 1 are verdicts, 2 is an error in the output. */
export async function podguardScan(args: readonly string[], cwd: string): Promise<ScanOutput> {
  const done = await run(process.execPath, [PODGUARD, 'scan', '-o', 'json', ...args], { cwd });
  if (done.code !== 0 && done.code !== 1 && done.code !== 2) throw new Error(`podguard scan exited with ${done.code}: ${done.stderr}`);
  try {
    return JSON.parse(done.stdout) as ScanOutput;
  } catch {
    throw new Error(`podguard scan printed no JSON (exit ${done.code}): ${done.stderr.slice(0, 2000)}`);
  }
}

/** Writes objects as a multi-document YAML file of JSON documents (JSON is YAML's flow style). */
export function writeDocuments(file: string, objects: readonly unknown[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, objects.map((o) => JSON.stringify(o)).join('\n---\n') + '\n');
}
