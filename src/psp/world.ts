// Everything PodSecurityPolicy admission and migration read from a cluster dump (or a live
// cluster): the policies, the RBAC objects that grant `use`, namespaces, service accounts and the
// pod-bearing workloads. RBAC, namespaces and service accounts go through src/rbac's reader, so
// `use` is decided by the same authorizer as `podguard rbac can`.

import { podViewOf } from '../engine/pod-views';
import type { KubeObject } from '../k8s/types';
import { RbacAuthorizer } from '../rbac/authorizer';
import type { RbacObjects } from '../rbac/model';
import { RbacObjectReader } from '../rbac/read-objects';
import type { InputError } from '../sources/input-error';
import type { SourceObject } from '../sources/parse-documents';
import type { PodSecurityPolicy } from './model';
import { isPodSecurityPolicy, readPodSecurityPolicy } from './read-psp';

export interface Workload {
  readonly object: KubeObject;
  readonly source: SourceObject;
  /** Path of the pod template in the object ('' for a Pod). */
  readonly podPath: string;
  readonly namespace: string;
}

export interface PspWorld {
  readonly policies: readonly PodSecurityPolicy[];
  readonly rbac: RbacObjects;
  readonly authorizer: RbacAuthorizer;
  readonly workloads: readonly Workload[];
  readonly errors: readonly InputError[];
}

export class PspWorldReader {
  private readonly rbac = new RbacObjectReader();
  private readonly policies: PodSecurityPolicy[] = [];
  private readonly workloads: Workload[] = [];
  private readonly names = new Map<string, PodSecurityPolicy>();
  readonly errors: InputError[] = [];

  add(src: SourceObject): void {
    const o = src.object;
    if (isPodSecurityPolicy(o)) {
      const p = readPodSecurityPolicy(src, this.errors);
      if (!p) return;
      const seen = this.names.get(p.name);
      if (seen) {
        // One cluster holds one policy per name, whichever group it is served under.
        this.errors.push({
          file: src.file,
          document: src.document,
          line: src.line,
          message: `PodSecurityPolicy "${p.name}" is also defined at ${seen.source.file}:${seen.source.line}; this one is left out`,
        });
        return;
      }
      this.names.set(p.name, p);
      this.policies.push(p);
      return;
    }
    const view = podViewOf(o);
    if (view) {
      const meta = (o.metadata ?? {}) as { namespace?: unknown };
      this.workloads.push({
        object: o,
        source: src,
        podPath: view.podPath,
        namespace: typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default',
      });
      return;
    }
    this.rbac.add(src);
  }

  finish(): PspWorld {
    const rbac = this.rbac.finish();
    return {
      policies: this.policies,
      rbac,
      authorizer: new RbacAuthorizer(rbac),
      workloads: this.workloads,
      errors: [...this.errors, ...this.rbac.errors],
    };
  }
}

/** A SourceObject for an object that has no file (from the API, or built in memory). */
export function sourceless(object: KubeObject, label: string, index: number): SourceObject {
  return { object, file: label, document: index, line: 0, positions: new Map(), lineOffset: 0 };
}
