// Building blocks that make a policy a few declarative lines: a per-container test and a
// message, or a per-pod test and a message. The loops allocate nothing until a test fails, so a
// passing pod costs no garbage (the scan evaluates millions of pods).

import type { Container, ObjectMeta, PodSpec } from '../k8s/types';
import { nameOf } from '../pss/helpers';
import { podFacts } from '../pss/pod-facts';
import { PASS, type PolicyCheckFn, type PolicyFinding } from './policy';

export type ContainerTest = (c: Container, spec: PodSpec) => boolean;
/** Describes one failing container; `path` is its pod-relative path (`spec.containers[0]`). */
export type ContainerReport = (c: Container, path: string, spec: PodSpec, name: string) => { detail: string; fields: readonly string[] };

const LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Whether any container (init, regular, ephemeral) passes `test`. */
export function anyContainer(spec: PodSpec, test: ContainerTest): boolean {
  for (let l = 0; l < LISTS.length; l++) {
    const list = spec[LISTS[l]!];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const c: unknown = list[i];
      if (c !== null && typeof c === 'object' && test(c as Container, spec)) return true;
    }
  }
  return false;
}

/** Calls `visit` for each container with its path, in upstream's order (init, regular, ephemeral). */
export function forEachContainer(spec: PodSpec, visit: (c: Container, path: string) => void): void {
  for (const list of LISTS) {
    const cs = spec[list];
    if (!Array.isArray(cs)) continue;
    for (let i = 0; i < cs.length; i++) {
      const c: unknown = cs[i];
      if (c !== null && typeof c === 'object') visit(c as Container, `spec.${list}[${i}]`);
    }
  }
}

/** A check reporting each container that fails `fails`, one finding per container. */
export function perContainer(fails: ContainerTest, report: ContainerReport): PolicyCheckFn {
  // One walk over the pod's facts (the engine's, or read here), asking each container once.
  return (_meta, spec, pod = podFacts(spec)) => {
    let out: PolicyFinding[] | undefined;
    const containers = pod.containers;
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i]!.container;
      if (!fails(c, spec)) continue;
      const name = nameOf(c);
      const found = report(c, `spec.${containers[i]!.list}[${containers[i]!.index}]`, spec, name);
      (out ??= []).push({ detail: found.detail, fields: found.fields, container: name });
    }
    return out ?? PASS;
  };
}

/** A check over the whole pod: `fails` decides cheaply, `report` builds the findings only then. */
export function perPod(fails: (spec: PodSpec, meta: ObjectMeta) => boolean, report: (spec: PodSpec, meta: ObjectMeta) => PolicyFinding[]): PolicyCheckFn {
  return (meta, spec) => (fails(spec, meta) ? report(spec, meta) : PASS);
}

/** The containers passing `test`, as quoted names and the path of `field` in each (for combination findings). */
export function containersWhere(spec: PodSpec, test: ContainerTest, field: string): { names: string[]; fields: string[] } {
  const names: string[] = [];
  const fields: string[] = [];
  forEachContainer(spec, (c, path) => {
    if (!test(c, spec)) return;
    names.push(JSON.stringify(nameOf(c)));
    fields.push(`${path}.${field}`);
  });
  return { names, fields };
}

/** `container "web" is` / `containers "a", "b" are`, from quoted names. */
export function containersPhrase(quotedNames: readonly string[], singularVerb: string, pluralVerb: string): string {
  return quotedNames.length === 1 ? `container ${quotedNames[0]} ${singularVerb}` : `containers ${quotedNames.join(', ')} ${pluralVerb}`;
}

/** `container "web"` — the way findings name containers, as Pod Security Admission does. */
export function containerLabel(name: string): string {
  return `container ${JSON.stringify(name)}`;
}
