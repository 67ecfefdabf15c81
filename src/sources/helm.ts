// A Helm chart directory (one holding Chart.yaml) is read as `helm template` renders it, with the
// values files and --set values the user passed, and each object is named by its template
// through the `# Source: chart/templates/x.yaml` comment helm writes before every document
// (helm pkg/action/action.go, renderResources). Lines are those of the rendered output: a
// template is not YAML until it is rendered.

import path from 'node:path';
import type { InputError } from './input-error';
import type { InputFile, RenderOptions } from './inputs';
import { parseDocuments, type ParsedFile } from './parse-documents';
import { findTool } from './find-tool';
import { runTool } from './run-tool';

/** The file to name for `# Source: chart/templates/x.yaml` under the chart directory `label`. */
export function templateFile(label: string, source: string): string {
  const slash = source.indexOf('/');
  return slash < 0 ? path.join(label, source) : path.join(label, source.slice(slash + 1));
}

/** `helm template` arguments for a chart directory (release name and namespace left to Helm's defaults). */
export function helmArgs(dir: string, options: RenderOptions): string[] {
  const args = ['template', dir];
  for (const f of options.helmValues ?? []) args.push('--values', f);
  for (const kv of options.helmSet ?? []) args.push('--set', kv);
  return args;
}

export interface Rendering {
  readonly text?: string;
  readonly parsed: ParsedFile;
}

function failed(input: InputFile, message: string): Rendering {
  const error: InputError = { file: input.label, message };
  return { parsed: { objects: [], errors: [error], notManifest: false } };
}

export async function renderChart(input: InputFile, options: RenderOptions): Promise<Rendering> {
  const helm = findTool(options.helmBinary, ['helm']);
  if (!helm) {
    return failed(
      input,
      options.helmBinary !== undefined
        ? `is a Helm chart (Chart.yaml), but the configured helm binary ${JSON.stringify(options.helmBinary)} was not found; the chart was not scanned`
        : 'is a Helm chart (Chart.yaml), but no helm binary is on PATH: install Helm or pass --helm-binary; the chart was not scanned',
    );
  }
  const run = await runTool(helm, helmArgs(input.path!, options));
  if (!run.ok) return failed(input, `helm template failed: ${run.message}`);
  const parsed = parseDocuments(run.stdout, input.label, { helmSource: (s) => templateFile(input.label, s), renderedFrom: input.label });
  return { text: run.stdout, parsed };
}
