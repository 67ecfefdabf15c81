// Fixes as a kustomize Component, for manifests the user does not own (rendered charts, upstream
// bundles): one JSON 6902 patch file per object plus a kustomization.yaml of kind Component that
// lists them with their targets. A kustomization adds the directory under `components:` and
// `kubectl kustomize` applies the fixes; the user's own files are never touched.

import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { KubeObject } from '../../k8s/types';
import type { JsonPatchOp } from '../engine/json-patch';
import { writeFileAtomic } from '../../io/atomic-write';

/** The first line of every file podguard writes here; files without it are never overwritten or removed. */
export const GENERATED_MARKER = '# Written by podguard fix --emit kustomize-patch';

export interface PatchTarget {
  readonly group?: string;
  readonly version: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export interface ObjectPatch {
  readonly target: PatchTarget;
  /** Where the object came from, for the patch file's comment: `deploy/web.yaml:3`. */
  readonly origin: string;
  readonly ops: readonly JsonPatchOp[];
}

/** Why an object cannot be targeted by a kustomize patch, or its target. */
export function targetOf(obj: KubeObject): PatchTarget | { problem: string } {
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || name === '') return { problem: 'it has no metadata.name for a kustomize patch to target' };
  const apiVersion = String(obj.apiVersion);
  const slash = apiVersion.lastIndexOf('/');
  const namespace = obj.metadata?.namespace;
  return {
    ...(slash > 0 ? { group: apiVersion.slice(0, slash) } : {}),
    version: apiVersion.slice(slash + 1),
    kind: String(obj.kind),
    ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
    name,
  };
}

/** kustomize matches target names and namespaces as anchored regular expressions: escape the dots. */
function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fileNameFor(target: PatchTarget, taken: Set<string>): string {
  const base = [target.kind, target.namespace, target.name]
    .filter((p) => p !== undefined)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-');
  let name = `${base}.yaml`;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}.yaml`;
  taken.add(name);
  return name;
}

function isGenerated(file: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').startsWith(GENERATED_MARKER);
  } catch {
    return false;
  }
}

export interface ComponentWrite {
  readonly kustomization: string;
  readonly patchFiles: readonly string[];
  readonly removed: readonly string[];
}

/** Why `dir` cannot receive the component (it holds a kustomization podguard did not write), or undefined. */
export function componentDirProblem(dir: string): string | undefined {
  const k = path.join(dir, 'kustomization.yaml');
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) return `${dir} exists and is not a directory`;
  if (fs.existsSync(k) && !isGenerated(k)) return `${k} exists and was not written by podguard; choose another --out directory`;
  return undefined;
}

/**
 * Writes the component: the patch files and kustomization.yaml (atomically, each), then removes
 * patch files an earlier run wrote that are no longer needed. `profileText` names what the patches
 * fix for (`restricted:latest`).
 */
export function writeComponent(dir: string, patches: readonly ObjectPatch[], profileText: string): ComponentWrite {
  const problem = componentDirProblem(dir);
  if (problem) throw new Error(problem);
  fs.mkdirSync(dir, { recursive: true });
  const taken = new Set<string>(['kustomization.yaml']);
  const entries: { path: string; target: Record<string, string> }[] = [];
  const written: string[] = [];
  for (const p of patches) {
    const file = fileNameFor(p.target, taken);
    const who = `${p.target.kind} ${p.target.namespace ? `${p.target.namespace}/` : ''}${p.target.name}`;
    const text = `${GENERATED_MARKER}: ${who} (from ${p.origin}).\n${stringify(p.ops)}`;
    writeText(path.join(dir, file), text);
    written.push(file);
    const target: Record<string, string> = {};
    if (p.target.group !== undefined) target['group'] = p.target.group;
    target['version'] = p.target.version;
    target['kind'] = p.target.kind;
    if (p.target.namespace !== undefined) target['namespace'] = literal(p.target.namespace);
    target['name'] = literal(p.target.name);
    entries.push({ path: file, target });
  }
  const header =
    `${GENERATED_MARKER}.\n` +
    `# JSON patches that make these objects pass the Pod Security Standards at ${profileText}.\n` +
    `# Use it from the kustomization that lists the objects as resources:\n` +
    `#   components:\n#     - ${path.basename(path.resolve(dir))}\n` +
    `# Running podguard again rewrites this directory.\n`;
  const kustomization = header + stringify({ apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component', patches: entries });
  writeText(path.join(dir, 'kustomization.yaml'), kustomization);
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (name.endsWith('.yaml') && !taken.has(name) && isGenerated(file)) {
      fs.rmSync(file);
      removed.push(name);
    }
  }
  return { kustomization: path.join(dir, 'kustomization.yaml'), patchFiles: written.map((f) => path.join(dir, f)), removed };
}

function writeText(file: string, text: string): void {
  if (fs.existsSync(file)) {
    if (!isGenerated(file)) throw new Error(`${file} exists and was not written by podguard; choose another --out directory`);
    writeFileAtomic(file, text);
  } else {
    fs.writeFileSync(file, text, { flag: 'wx' });
  }
}
