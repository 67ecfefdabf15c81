// A kustomization directory is read as `kustomize build` (or `kubectl kustomize`) renders it.
// Each rendered object that comes from one resource file, unpatched, is mapped back to that file
// and its lines: the resources of the kustomization and of its bases and components are read,
// and the rendered object matched by kind, namespace and name after the namePrefix, nameSuffix
// and namespace the kustomizations apply (kustomize api/filters/prefix, suffix, namespace). An
// object a patch touches, or that matches no or several resources, keeps the lines of the
// rendered output and the directory's name.

import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { InputFile, RenderOptions } from './inputs';
import { KUSTOMIZATION_FILES } from './inputs';
import { parseDocuments, type SourceObject } from './parse-documents';
import { findTool } from './find-tool';
import { runTool } from './run-tool';
import type { Rendering } from './helm';
import { K8S_SCHEMA } from './yaml-schema';

/** How kustomize is run: `kustomize build DIR`, or `kubectl kustomize DIR` when only kubectl is there. */
export function kustomizeCommand(options: RenderOptions): { file: string; args: (dir: string) => string[] } | undefined {
  const file = findTool(options.kustomizeBinary, ['kustomize', 'kubectl']);
  if (!file) return undefined;
  const isKubectl = path.basename(file).replace(/\.exe$/i, '') === 'kubectl';
  return { file, args: (dir) => (isKubectl ? ['kustomize', dir] : ['build', dir]) };
}

interface Origin {
  readonly src: SourceObject;
  /** The name and namespace the object has after the kustomizations above it. */
  readonly name: string;
  readonly namespace: string | undefined;
}

interface Chain {
  readonly prefix: string;
  readonly suffix: string;
  /** The outermost `namespace:` of the kustomizations above, which wins over inner ones. */
  readonly namespace: string | undefined;
}

/** kind/name pairs that some patch in the tree may touch; `*` for a kind or name means any. */
type Patched = { kind: string; name: string }[];

const MAX_DEPTH = 32;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function loadYaml(file: string): unknown {
  try {
    return yaml.load(fs.readFileSync(file, 'utf8'), { schema: K8S_SCHEMA });
  } catch {
    return undefined;
  }
}

function kustomizationIn(dir: string): string | undefined {
  for (const f of KUSTOMIZATION_FILES) {
    const p = path.join(dir, f);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

function patchTargetsOf(file: string): Patched {
  const out: Patched = [];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [{ kind: '*', name: '*' }];
  }
  for (const src of parseDocuments(text, file).objects) out.push({ kind: str(src.object.kind) ?? '*', name: str(src.object.metadata?.name) ?? '*' });
  return out.length > 0 ? out : [{ kind: '*', name: '*' }];
}

function inlinePatchTargets(text: string): Patched {
  try {
    const v = yaml.load(text, { schema: K8S_SCHEMA }) as Record<string, unknown> | unknown[] | null;
    if (v && !Array.isArray(v) && typeof v === 'object') {
      const meta = v['metadata'] as Record<string, unknown> | undefined;
      return [{ kind: str(v['kind']) ?? '*', name: str(meta?.['name']) ?? '*' }];
    }
  } catch {
    // fall through: an unreadable patch may touch anything
  }
  return [{ kind: '*', name: '*' }];
}

/** Reads a kustomization and, recursively, its resources, bases and components. */
function collect(dir: string, chain: Chain, labelOf: (file: string) => string, origins: Origin[], patched: Patched, seen: Set<string>, depth: number): void {
  const kfile = kustomizationIn(dir);
  if (!kfile || seen.has(kfile) || depth > MAX_DEPTH) return;
  seen.add(kfile);
  const k = loadYaml(kfile);
  if (!k || typeof k !== 'object' || Array.isArray(k)) return;
  const kz = k as Record<string, unknown>;
  const inner: Chain = {
    prefix: chain.prefix + (str(kz['namePrefix']) ?? ''),
    suffix: (str(kz['nameSuffix']) ?? '') + chain.suffix,
    namespace: chain.namespace ?? str(kz['namespace']),
  };
  for (const p of Array.isArray(kz['patchesStrategicMerge']) ? kz['patchesStrategicMerge'] : []) {
    if (typeof p === 'string') patched.push(...(p.includes('\n') ? inlinePatchTargets(p) : patchTargetsOf(path.join(dir, p))));
  }
  for (const p of [...(Array.isArray(kz['patches']) ? kz['patches'] : []), ...(Array.isArray(kz['patchesJson6902']) ? kz['patchesJson6902'] : [])]) {
    if (!p || typeof p !== 'object') continue;
    const e = p as Record<string, unknown>;
    const target = e['target'] as Record<string, unknown> | undefined;
    if (target && typeof target === 'object') patched.push({ kind: str(target['kind']) ?? '*', name: str(target['name']) ?? '*' });
    else if (typeof e['path'] === 'string') patched.push(...patchTargetsOf(path.join(dir, e['path'])));
    else if (typeof e['patch'] === 'string') patched.push(...inlinePatchTargets(e['patch']));
    else patched.push({ kind: '*', name: '*' });
  }
  if (kz['replacements'] !== undefined || kz['replicas'] !== undefined) patched.push({ kind: '*', name: '*' });
  const entries = [
    ...(Array.isArray(kz['resources']) ? kz['resources'] : []),
    ...(Array.isArray(kz['bases']) ? kz['bases'] : []),
    ...(Array.isArray(kz['components']) ? kz['components'] : []),
  ];
  for (const entry of entries) {
    if (typeof entry !== 'string' || entry.includes('://') || entry.startsWith('github.com/')) continue; // remote: not mapped
    const full = path.join(dir, entry);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      collect(full, inner, labelOf, origins, patched, seen, depth + 1);
      continue;
    }
    let text: string;
    try {
      text = fs.readFileSync(full, 'utf8');
    } catch {
      continue;
    }
    for (const src of parseDocuments(text, labelOf(full)).objects) {
      const name = str(src.object.metadata?.name);
      if (name === undefined) continue;
      origins.push({ src, name: inner.prefix + name + inner.suffix, namespace: inner.namespace ?? str(src.object.metadata?.namespace) });
    }
  }
}

function touched(patched: Patched, kind: string | undefined, originalName: string | undefined): boolean {
  return patched.some((p) => (p.kind === '*' || p.kind === kind) && (p.name === '*' || p.name === originalName));
}

/** The rendered objects, each mapped to its resource file where it comes from one file. */
export function mapToResources(rendered: readonly SourceObject[], dir: string, label: string): SourceObject[] {
  const origins: Origin[] = [];
  const patched: Patched = [];
  const labelOf = (file: string) => path.join(label, path.relative(dir, file));
  collect(dir, { prefix: '', suffix: '', namespace: undefined }, labelOf, origins, patched, new Set(), 0);
  return rendered.map((src) => {
    const kind = str(src.object.kind);
    const name = str(src.object.metadata?.name);
    const namespace = str(src.object.metadata?.namespace);
    const matches = origins.filter(
      (o) => str(o.src.object.kind) === kind && o.name === name && (o.namespace === undefined || namespace === undefined || o.namespace === namespace),
    );
    const output = { ...src, rendered: { by: 'kustomize' as const, from: label, lines: 'output' as const } };
    if (matches.length !== 1) return output;
    const o = matches[0]!.src;
    if (touched(patched, kind, str(o.object.metadata?.name))) return output;
    return {
      ...src,
      file: o.file,
      document: o.document,
      line: o.line,
      positions: o.positions,
      lineOffset: o.lineOffset,
      locateIn: o.object,
      rendered: { by: 'kustomize', from: label, lines: 'file' },
    };
  });
}

export async function renderKustomization(input: InputFile, options: RenderOptions): Promise<Rendering> {
  const fail = (message: string): Rendering => ({ parsed: { objects: [], errors: [{ file: input.label, message }], notManifest: false } });
  const cmd = kustomizeCommand(options);
  if (!cmd) {
    return fail(
      options.kustomizeBinary !== undefined
        ? `is a kustomization, but the configured kustomize binary ${JSON.stringify(options.kustomizeBinary)} was not found; it was not scanned`
        : 'is a kustomization, but neither kustomize nor kubectl is on PATH: install one or pass --kustomize-binary; it was not scanned',
    );
  }
  const run = await runTool(cmd.file, cmd.args(input.path!));
  if (!run.ok) return fail(`kustomize build failed: ${run.message}`);
  const parsed = parseDocuments(run.stdout, input.label);
  return { text: run.stdout, parsed: { ...parsed, objects: mapToResources(parsed.objects, input.path!, input.label) } };
}
