// Folding pods into the workloads that own them, so one broken Deployment is one finding and not
// fifty. Ownership follows each object's controller reference (metadata.ownerReferences entry with
// `controller: true`), the way the controllers and `kubectl` follow it: Pod → ReplicaSet →
// Deployment, Pod → Job → CronJob. Works on the objects of one namespace (owner references never
// cross namespaces).

import type { KubeObject } from '../k8s/types';
import { carriesPod } from '../engine/pod-views';
import type { WorkloadRef } from './model';

/** Owners that are not workloads: a static pod's mirror is "owned" by its Node, and stays its own workload. */
const NOT_A_WORKLOAD = new Set(['Node']);

/** Longest owner chain followed (real chains are at most three long: Pod → ReplicaSet → Deployment). */
const MAX_DEPTH = 8;

interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The object's controller reference, if it has one. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata?.['ownerReferences'];
  if (!Array.isArray(refs)) return undefined;
  for (const r of refs as unknown[]) {
    if (r === null || typeof r !== 'object') continue;
    const ref = r as Record<string, unknown>;
    const kind = str(ref['kind']);
    const name = str(ref['name']);
    if (ref['controller'] === true && kind && name) {
      const uid = str(ref['uid']);
      return { apiVersion: str(ref['apiVersion']) ?? '', kind, name, ...(uid ? { uid } : {}) };
    }
  }
  return undefined;
}

export function refOf(obj: KubeObject): WorkloadRef {
  const uid = str(obj.metadata?.['uid']);
  const name = str(obj.metadata?.name) ?? str(obj.metadata?.['generateName']) ?? '(unnamed)';
  return { apiVersion: str(obj.apiVersion) ?? '', kind: str(obj.kind) ?? '', name, ...(uid ? { uid } : {}) };
}

/** A stable key for a workload: kind and name are unique within a namespace. */
export function workloadKey(ref: { readonly kind: string; readonly name: string }): string {
  return `${ref.kind}/${ref.name}`;
}

export interface Placement {
  /** The workload the object belongs to. */
  readonly workload: WorkloadRef;
  /** The workload is known only from an owner reference (its kind is not listed, e.g. an Argo Rollout). */
  readonly ownerNotListed: boolean;
  /**
   * Whether the object's own pod (template) should be evaluated. A pod always is; a controller's
   * template is skipped when its owner's template is evaluated instead, because it is a copy of it
   * (a ReplicaSet's template is its Deployment's at some revision, a Job's its CronJob's).
   */
  readonly evaluate: boolean;
}

/** Resolves the objects of one namespace to their workloads. */
export class OwnerIndex {
  private readonly byUid = new Map<string, KubeObject>();
  private readonly byKey = new Map<string, KubeObject>();

  constructor(objects: Iterable<KubeObject>) {
    for (const o of objects) {
      const uid = str(o.metadata?.['uid']);
      if (uid) this.byUid.set(uid, o);
      const kind = str(o.kind);
      const name = str(o.metadata?.name);
      if (kind && name) this.byKey.set(workloadKey({ kind, name }), o);
    }
  }

  private find(ref: OwnerReference): KubeObject | undefined {
    const found = ref.uid ? this.byUid.get(ref.uid) : undefined;
    return found ?? this.byKey.get(workloadKey(ref));
  }

  place(obj: KubeObject): Placement {
    const first = controllerOf(obj);
    const ownerListed = first !== undefined && !NOT_A_WORKLOAD.has(first.kind) ? this.find(first) : undefined;
    const evaluate = obj.kind === 'Pod' || ownerListed === undefined || !carriesPod(ownerListed.kind);
    let current = obj;
    let ref = first;
    for (let depth = 0; ref && !NOT_A_WORKLOAD.has(ref.kind) && depth < MAX_DEPTH; depth++) {
      const owner = this.find(ref);
      if (!owner) return { workload: ref, ownerNotListed: true, evaluate };
      if (owner === obj) break; // a cycle back to the start: stop at the object itself
      current = owner;
      ref = controllerOf(owner);
    }
    return { workload: refOf(current), ownerNotListed: false, evaluate };
  }
}
