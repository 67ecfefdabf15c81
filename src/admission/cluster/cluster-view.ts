// What the decision needs to know about the cluster: a namespace's labels, and the pods in a
// namespace (for the warning when a namespace's enforce level tightens). Two implementations:
// the cluster itself (cluster-source.ts) and a fixed set of objects from a file (this module),
// which is what `podguard serve` uses on a laptop.

import type { KubeObject } from '../../k8s/types';

export interface NamespaceInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ClusterView {
  /** The namespace's labels; throws (or rejects) when it cannot be looked up. */
  namespace(name: string): NamespaceInfo | Promise<NamespaceInfo>;
  /** The pods in a namespace; rejects when they cannot be listed before `deadline` (ms since the epoch). */
  pods(namespace: string, deadline: number): Promise<readonly KubeObject[]>;
  /** True once the view has loaded (the informer has synced). */
  ready(): boolean;
}

function labelsOf(obj: KubeObject): Record<string, string> {
  const labels = obj.metadata?.labels;
  const out: Record<string, string> = {};
  if (labels && typeof labels === 'object') for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function namespaceInfo(obj: KubeObject): NamespaceInfo {
  return { name: String(obj.metadata?.name ?? ''), labels: labelsOf(obj) };
}

/**
 * A fixed view built from Namespace and Pod objects (`kubectl get ns,pods -A -o yaml`). A
 * namespace that is not listed is treated as one without labels, so the cluster defaults apply:
 * the API server only sends requests for namespaces that exist, and a laptop has none.
 */
export class StaticClusterView implements ClusterView {
  private namespaces = new Map<string, NamespaceInfo>();
  private podsByNamespace = new Map<string, KubeObject[]>();

  constructor(objects: readonly KubeObject[] = []) {
    this.replace(objects);
  }

  /** Replaces everything at once (a reloaded file): lookups never see half of a reload. */
  replace(objects: readonly KubeObject[]): void {
    const namespaces = new Map<string, NamespaceInfo>();
    const pods = new Map<string, KubeObject[]>();
    for (const o of objects) {
      if (o.kind === 'Namespace' && typeof o.metadata?.name === 'string') namespaces.set(o.metadata.name, namespaceInfo(o));
      else if (o.kind === 'Pod') {
        const ns = typeof o.metadata?.namespace === 'string' ? o.metadata.namespace : 'default';
        const list = pods.get(ns);
        if (list) list.push(o);
        else pods.set(ns, [o]);
      }
    }
    this.namespaces = namespaces;
    this.podsByNamespace = pods;
  }

  get size(): { namespaces: number; pods: number } {
    let pods = 0;
    for (const list of this.podsByNamespace.values()) pods += list.length;
    return { namespaces: this.namespaces.size, pods };
  }

  namespace(name: string): NamespaceInfo {
    return this.namespaces.get(name) ?? { name, labels: {} };
  }

  pods(namespace: string): Promise<readonly KubeObject[]> {
    return Promise.resolve(this.podsByNamespace.get(namespace) ?? []);
  }

  ready(): boolean {
    return true;
  }
}
