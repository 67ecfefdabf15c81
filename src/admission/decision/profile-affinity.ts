// Scheduling that cannot race: a pod naming a bundled Localhost profile gets a required node
// affinity on that profile's node label (profiles.podguard.dev/<kind>-<name>, set by the
// profiles agent only once the profile is verified on the node), so the scheduler places it only
// where the profile is loaded. Without it, a pod can land on a node whose agent has not yet
// written the profile (a new node, a rollout of a changed bundle) and fail to start.
// Data-driven: the table maps (kind, name) to label keys, read from the bundle's index.

import { localhostReferences, type LocalhostKind } from '../../policies/localhost-profiles';
import type { PodSpec, ObjectMeta } from '../../k8s/types';
import { isMapping } from '../../k8s/types';

/** `${kind}\0${name}` → the node label key that says the profile is loaded. */
export type ProfileLabels = ReadonlyMap<string, string>;

export function profileLabelsKey(kind: LocalhostKind, name: string): string {
  return `${kind}\0${name}`;
}

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: unknown[];
}

/**
 * The pod's new `spec.affinity`, or undefined when it already requires every label it needs (or
 * names no bundled profile). Terms of a required node affinity are ORed, their expressions ANDed
 * (k8s.io/api/core/v1 NodeSelector), so each label is added to every existing term.
 */
export function affinityFor(meta: ObjectMeta | undefined, spec: PodSpec, labels: ProfileLabels): { affinity: unknown; added: string[] } | undefined {
  if (labels.size === 0) return undefined;
  const needed: string[] = [];
  for (const ref of localhostReferences(meta, spec)) {
    const key = labels.get(profileLabelsKey(ref.kind, ref.name));
    if (key !== undefined && !needed.includes(key)) needed.push(key);
  }
  if (needed.length === 0) return undefined;
  const affinity = isMapping(spec.affinity) ? (structuredClone(spec.affinity) as Record<string, unknown>) : {};
  const nodeAffinity = isMapping(affinity['nodeAffinity']) ? (affinity['nodeAffinity'] as Record<string, unknown>) : {};
  const required = isMapping(nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'])
    ? (nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'] as { nodeSelectorTerms?: NodeSelectorTerm[] })
    : {};
  const terms: NodeSelectorTerm[] = Array.isArray(required.nodeSelectorTerms) && required.nodeSelectorTerms.length ? required.nodeSelectorTerms : [{}];
  const added = new Set<string>();
  for (const term of terms) {
    const exprs = Array.isArray(term.matchExpressions) ? term.matchExpressions : (term.matchExpressions = []);
    for (const key of needed) {
      if (exprs.some((e) => e && e.key === key && e.operator === 'Exists')) continue;
      exprs.push({ key, operator: 'Exists' });
      added.add(key);
    }
  }
  if (added.size === 0) return undefined;
  required.nodeSelectorTerms = terms;
  nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'] = required;
  affinity['nodeAffinity'] = nodeAffinity;
  return { affinity, added: [...added] };
}
