// Options every command that reads manifests shares: where input comes from (positional paths
// and -f/--filename), what the directory walk leaves out (--ignore, .podguardignore), how
// kustomizations and charts are rendered (--helm-values, --helm-set, the binaries), and whether
// finding no pod at all is an error (--fail-if-no-objects). Parsed once, here.

import type { LoadedSettings } from '../config/load';
import { IgnoreRules } from '../sources/ignore';
import type { InputError } from '../sources/input-error';
import type { InputFile, RenderOptions } from '../sources/inputs';
import { FILENAME_OPTION, inputPaths } from './conventions';
import { resolvePaths } from './resolve-paths';
import { UsageError } from './usage-error';

/** For node:util parseArgs. */
export const INPUT_OPTIONS = {
  ...FILENAME_OPTION,
  ignore: { type: 'string', multiple: true },
  'helm-values': { type: 'string', multiple: true },
  'helm-set': { type: 'string', multiple: true },
  'helm-binary': { type: 'string' },
  'kustomize-binary': { type: 'string' },
  'fail-if-no-objects': { type: 'boolean' },
} as const;

export const INPUT_HELP = `  -f, --filename PATH    a file or directory to read, as in kubectl (repeatable; the
                         same as naming it as an argument)
      --ignore PATTERN   leave out what a gitignore-style pattern matches when walking
                         directories (repeatable; also "ignore:" in podguard.yaml and
                         .podguardignore files; .git and node_modules are never walked)
      --helm-values FILE values file for every chart rendered (helm template --values)
      --helm-set K=V     value for every chart rendered (helm template --set), repeatable
      --helm-binary PATH helm to render charts with               (default: helm on PATH)
      --kustomize-binary PATH
                         kustomize (or kubectl) to render kustomizations with
                                     (default: kustomize, else kubectl kustomize, on PATH)
      --fail-if-no-objects
                         exit 2 when the input holds no object with a pod (otherwise a
                         warning); also "failIfNoObjects: true" in podguard.yaml
`;

export interface InputValues {
  readonly filename?: string[];
  readonly ignore?: string[];
  readonly 'helm-values'?: string[];
  readonly 'helm-set'?: string[];
  readonly 'helm-binary'?: string;
  readonly 'kustomize-binary'?: string;
  readonly 'fail-if-no-objects'?: boolean;
}

export interface ResolvedInputs {
  readonly paths: string[];
  readonly inputs: InputFile[];
  readonly failIfNoObjects: boolean;
}

/** The inputs named by the arguments and options, with podguard.yaml's input settings under them. */
export function inputsFromOptions(
  values: InputValues,
  positionals: readonly string[],
  loaded: Pick<LoadedSettings, 'inputs'>,
  errors: InputError[],
  what: string,
  command: string,
): ResolvedInputs {
  const paths = inputPaths(positionals, values.filename);
  if (paths.length === 0)
    throw new UsageError(`no paths given: name files or directories to ${what}, or "-" for standard input (see "podguard ${command} --help")`);
  for (const kv of values['helm-set'] ?? []) if (!kv.includes('=')) throw new UsageError(`--helm-set needs KEY=VALUE (got ${JSON.stringify(kv)})`);
  const render: RenderOptions = {
    ...(values['helm-values'] ? { helmValues: values['helm-values'] } : {}),
    ...(values['helm-set'] ? { helmSet: values['helm-set'] } : {}),
    ...((values['helm-binary'] ?? loaded.inputs.helmBinary) ? { helmBinary: (values['helm-binary'] ?? loaded.inputs.helmBinary)! } : {}),
    ...((values['kustomize-binary'] ?? loaded.inputs.kustomizeBinary)
      ? { kustomizeBinary: (values['kustomize-binary'] ?? loaded.inputs.kustomizeBinary)! }
      : {}),
  };
  const ignore = IgnoreRules.of([...(loaded.inputs.ignore ?? []), ...(values.ignore ?? [])]).withFileIn(process.cwd());
  const inputs = resolvePaths(paths, errors, { ignore, render });
  return { paths, inputs, failIfNoObjects: values['fail-if-no-objects'] ?? loaded.inputs.failIfNoObjects ?? false };
}

/** The warning (or, with --fail-if-no-objects, error) when nothing with a pod was found. */
export function noObjectsMessage(s: { files: number; objects: number; notManifests?: number }): string {
  const parts = [`${s.files} ${s.files === 1 ? 'input' : 'inputs'}`, `${s.objects} ${s.objects === 1 ? 'object' : 'objects'}`];
  if (s.notManifests) parts.push(`${s.notManifests} not Kubernetes manifests`);
  return `no object with a pod was found in the input (${parts.join(', ')}): nothing was checked`;
}
