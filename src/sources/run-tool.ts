// Runs a rendering program (helm template, kustomize build) and collects its output, with the
// same size limit as a file read and a time limit, so a runaway render cannot hang a scan.

import { execFile } from 'node:child_process';
import { MAX_FILE_BYTES } from './inputs';

/** How long one render may take (PODGUARD_RENDER_TIMEOUT_SECONDS changes it; default 120 s). */
const TIMEOUT_MS = Math.max(1, Number(process.env['PODGUARD_RENDER_TIMEOUT_SECONDS']) || 120) * 1000;

export type ToolRun = { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly message: string };

/** The last few meaningful lines of a program's error output, for one readable message. */
function errorSummary(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.slice(-3).join('; ');
}

export function runTool(file: string, args: readonly string[], cwd?: string): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { encoding: 'utf8', maxBuffer: MAX_FILE_BYTES, timeout: TIMEOUT_MS, windowsHide: true, ...(cwd ? { cwd } : {}) },
      (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, stdout });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          return resolve({ ok: false, message: `output is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; not read` });
        if (e.killed) return resolve({ ok: false, message: `did not finish within ${TIMEOUT_MS / 1000} s` });
        if (typeof e.code === 'string') return resolve({ ok: false, message: `cannot run ${file}: ${e.code}` });
        resolve({ ok: false, message: errorSummary(stderr) || `exited with status ${String(e.code)}` });
      },
    );
  });
}
