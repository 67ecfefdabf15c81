// The fixes /mutate applies: the *safe* remedies of `podguard fix` (src/fix: each fix documents
// why its safe remedy changes nothing in how a well-behaved app runs), made by the same engine as
// `podguard fix` — the same passes, screening and re-check (src/fix/engine/passes.ts), so a
// mutation never weakens a pod — with the object applier turning them into RFC 6902 operations.
// Behaviour-changing remedies are never applied at admission, where no person reviews them.

import type { EvaluationSettings } from '../../engine/evaluate';
import { podViewOf } from '../../engine/pod-views';
import type { Change } from '../../fix/engine/change';
import { distinctVersions } from '../../fix/engine/strength';
import { fixObject } from '../../fix/engine/fix-object';
import type { JsonPatchOp } from '../../fix/engine/json-patch';
import type { KubeObject } from '../../k8s/types';
import type { Profile } from '../../pss/evaluate';

/** One change, as the operations that make it and as people read it. */
export interface Mutation {
  /** The check or policy whose fix made it. */
  readonly fix: string;
  readonly ops: readonly JsonPatchOp[];
  /** `spec.containers[0].securityContext.allowPrivilegeEscalation=false`, `removed spec.containers[0].securityContext.runAsUser`. */
  readonly shown: string;
}

/** Mutation aims at the strictest standard: a safe remedy is safe whatever the namespace enforces. */
const TARGET: Profile = { level: 'restricted', version: 'latest' };

// The legacy seccomp annotations must agree with the fields when both are set (API validation,
// ValidateSeccompAnnotationsAndFieldsMatch): where one is present, the fields are left alone.
const SECCOMP_ANNOTATIONS = /^(seccomp\.security\.alpha\.kubernetes\.io\/pod|container\.seccomp\.security\.alpha\.kubernetes\.io\/)/;

function hasLegacySeccomp(annotations: unknown): boolean {
  return annotations !== null && typeof annotations === 'object' && Object.keys(annotations).some((k) => SECCOMP_ANNOTATIONS.test(k));
}

function shown(c: Change): string {
  switch (c.op) {
    case 'set':
      return `${c.path}=${typeof c.value === 'string' ? c.value : JSON.stringify(c.value)}`;
    case 'remove':
      return `removed ${c.path}`;
    case 'append':
      return `${c.path} += ${JSON.stringify(c.value)}`;
    case 'replaceEntry':
      return `${c.path} → ${c.key}=${JSON.stringify(c.value)}`;
  }
}

export interface SafeMutations {
  readonly mutations: readonly Mutation[];
  /** A copy of the object with them made (the object itself when there are none). */
  readonly mutated: KubeObject;
}

const NONE = (obj: KubeObject): SafeMutations => ({ mutations: [], mutated: obj });

/**
 * The safe changes for a pod-bearing object, in the order the fix engine plans them, each with
 * the JSON Patch operations that make it on the object as the earlier ones left it.
 * `settings` adds the hardening policies (and their exceptions) whose fixes are safe too.
 */
export function planSafeMutations(obj: KubeObject, settings?: Omit<EvaluationSettings, 'profile'>): SafeMutations {
  const view = podViewOf(obj);
  if (!view) return NONE(obj);
  const legacySeccomp = hasLegacySeccomp(view.metadata.annotations);
  const r = fixObject(
    obj,
    { ...settings, profile: TARGET, exemptions: undefined },
    {
      unsafe: false,
      // Each namespace enforces its own version: the pod must not get weaker at any of them.
      guardVersions: distinctVersions(),
      accept: (c) => !(legacySeccomp && c.change.path.includes('seccompProfile')),
    },
  );
  if (r.applied.length === 0) return NONE(obj);
  const mutations = r.applied.map((c, i): Mutation => ({ fix: c.check, ops: r.opsOf[i]!, shown: shown(c.change) }));
  return { mutations, mutated: r.fixed };
}
