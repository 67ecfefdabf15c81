// How podguard names an object to a person: `Deployment shop/web`, as kubectl would point at it.

import type { KubeObject } from './types';

export interface NamedObject {
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** `Kind namespace/name`, `Kind name` without a namespace, `(unnamed)` without a name. */
export function describeObject(o: NamedObject): string {
  const name = o.name === undefined ? '(unnamed)' : o.namespace === undefined ? o.name : `${o.namespace}/${o.name}`;
  return `${o.kind} ${name}`;
}

/** The kind, namespace and name (or generateName) an object carries, where they are strings. */
export function namedObject(obj: KubeObject): NamedObject {
  const meta = obj.metadata;
  const name = typeof meta?.name === 'string' ? meta.name : typeof meta?.['generateName'] === 'string' ? (meta['generateName'] as string) : undefined;
  const namespace = typeof meta?.namespace === 'string' ? meta.namespace : undefined;
  return { kind: String(obj.kind), ...(namespace !== undefined ? { namespace } : {}), ...(name !== undefined ? { name } : {}) };
}
