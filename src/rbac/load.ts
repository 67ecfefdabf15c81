// Reads RBAC objects (and namespaces, service accounts, a PodSecurityConfiguration) through the
// one source pipeline, and builds what both the analysis and `can` need: the authorizer (with
// aggregation done) and each namespace's Pod Security view.

import { DEFAULT_POD_SECURITY_CONFIG, type PodSecurityConfig } from '../psa/pod-security-configuration';
import type { KubeObject } from '../k8s/types';
import type { InputError } from '../sources/input-error';
import type { InputFile } from '../sources/inputs';
import { readSources } from '../sources/read-sources';
import { RbacAuthorizer } from './authorizer';
import type { RbacObjects, Where } from './model';
import { namespaceSecurity, type NamespaceSecurity } from './namespace-security';
import { RbacObjectReader } from './read-objects';

export interface LoadedRbac {
  readonly objects: RbacObjects;
  readonly authorizer: RbacAuthorizer;
  readonly namespaces: ReadonlyMap<string, NamespaceSecurity>;
  readonly podSecurity: PodSecurityConfig;
  /** Where the PodSecurityConfiguration came from: an input, the --config file, or Kubernetes' defaults. */
  readonly podSecuritySource: Where | 'config' | 'default';
  readonly errors: readonly InputError[];
  readonly counts: { readonly files: number; readonly objects: number; readonly skipped: number };
}

/** From already-read objects (the audit's, or tests'). */
export function buildRbac(
  objects: RbacObjects,
  podSecurity: PodSecurityConfig,
  podSecuritySource: LoadedRbac['podSecuritySource'],
  errors: readonly InputError[] = [],
  counts = { files: 0, objects: 0, skipped: 0 },
): LoadedRbac {
  return {
    objects,
    authorizer: new RbacAuthorizer(objects),
    namespaces: namespaceSecurity(objects, podSecurity),
    podSecurity,
    podSecuritySource,
    errors,
    counts,
  };
}

/**
 * Reads the inputs. A PodSecurityConfiguration among them wins over `fallback` (the one given
 * with --config); without either, kube-apiserver's default (privileged everywhere, no exemptions).
 */
export async function loadRbac(inputs: readonly InputFile[], fallback?: PodSecurityConfig): Promise<LoadedRbac> {
  const reader = new RbacObjectReader();
  const errors: InputError[] = [];
  let files = 0;
  for await (const unit of readSources(inputs)) {
    files++;
    errors.push(...unit.errors);
    for (const o of unit.objects) reader.add(o);
  }
  errors.push(...reader.errors);
  const found = reader.podSecurity;
  const config = found?.config ?? fallback ?? DEFAULT_POD_SECURITY_CONFIG;
  const source = found ? found.where : fallback ? 'config' : 'default';
  return buildRbac(reader.finish(), config, source, errors, { files, objects: reader.objects, skipped: reader.skipped });
}

/** From objects fetched from a cluster (no file, no lines): each is labelled with the API path it came from. */
export function rbacFromObjects(
  batches: readonly { readonly label: string; readonly items: readonly KubeObject[] }[],
  fallback?: PodSecurityConfig,
): LoadedRbac {
  const reader = new RbacObjectReader();
  for (const b of batches) b.items.forEach((object, i) => reader.add({ object, file: b.label, document: i, line: 0, positions: new Map(), lineOffset: 0 }));
  const config = fallback ?? DEFAULT_POD_SECURITY_CONFIG;
  return buildRbac(reader.finish(), config, fallback ? 'config' : 'default', reader.errors, { files: 0, objects: reader.objects, skipped: reader.skipped });
}
