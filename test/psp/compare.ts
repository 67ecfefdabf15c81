// Runs one generated case through podguard's PodSecurityPolicy admission (the same readers and
// authorizer as `podguard psp admit`), and compares its answers with upstream's.

import type { KubeObject } from '../../src/k8s/types';
import { PspAdmission, type AdmitResult } from '../../src/psp/admit';
import { errorListText } from '../../src/psp/field-error';
import { PspWorldReader, sourceless } from '../../src/psp/world';
import type { PspCase } from './generate';

type Json = Record<string, unknown>;

export function podguardAdmit(c: PspCase): AdmitResult {
  const reader = new PspWorldReader();
  const objects = [...c.psps, ...c.roles, ...c.clusterRoles, ...c.roleBindings, ...c.clusterRoleBindings];
  objects.forEach((o, i) => reader.add(sourceless(o as KubeObject, 'case', i)));
  const world = reader.finish();
  if (world.errors.length) throw new Error(`case ${c.id} did not read: ${JSON.stringify(world.errors)}`);
  return new PspAdmission(world.policies, world.authorizer).admit({
    operation: c.operation,
    namespace: c.namespace,
    user: c.user,
    pod: c.pod,
    ...(c.oldPod ? { oldPod: c.oldPod } : {}),
  });
}

/**
 * A pod as JSON with what Go's encoder adds or drops made equal: null, empty lists and empty maps
 * are left out, as are the zero structs Go always writes (`status`, `resources`, a null
 * `creationTimestamp`), `serviceAccount` (the deprecated copy of serviceAccountName conversion
 * writes) and an empty pod securityContext (conversion to the internal type always creates one).
 * `emptyDir: {}` stays: there an empty struct is the value.
 */
export function normalisePod(pod: unknown): unknown {
  const out = prune(pod, '');
  const spec = (out as Json | undefined)?.spec as Json | undefined;
  // Conversion from the internal type leaves apiVersion and kind unset.
  delete (out as Json).apiVersion;
  delete (out as Json).kind;
  if (spec) {
    delete spec.serviceAccount;
    const sc = spec.securityContext as Json | undefined;
    if (sc && Object.keys(sc).length === 0) delete spec.securityContext;
  }
  return out;
}

const ZERO_STRUCTS = new Set(['status', 'resources']);
const MAPS = new Set(['annotations', 'labels']);

function prune(v: unknown, key: string): unknown {
  if (Array.isArray(v)) return v.map((x) => prune(x, ''));
  if (v === null || typeof v !== 'object') return v;
  const out: Json = {};
  for (const k of Object.keys(v as Json).sort()) {
    const x = (v as Json)[k];
    if (x === null || x === undefined || (Array.isArray(x) && x.length === 0)) continue;
    // Go omits a false non-pointer bool (volumeMounts[].readOnly) and writes the internal type's
    // int64 expirationSeconds back as a pointer to 0; neither is a value the pod carried.
    if ((k === 'readOnly' && x === false && 'mountPath' in (v as Json)) || (k === 'expirationSeconds' && x === 0)) continue;
    const p = prune(x, k);
    if ((ZERO_STRUCTS.has(k) || MAPS.has(k)) && Object.keys(p as Json).length === 0) continue;
    out[k] = p;
  }
  void key;
  return out;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** podguard's denial message equals upstream's, up to the order of the denying policies' groups of errors. */
export function sameMessage(got: AdmitResult, upstream: string): boolean {
  const message = got.message ?? '';
  if (message === upstream) return true;
  if (got.denials.length < 2) return false;
  const all = errorListText(got.denials.flatMap((d) => d.errors));
  if (!message.endsWith(all)) return false;
  const prefix = message.slice(0, message.length - all.length);
  return permutations(got.denials).some((order) => prefix + errorListText(order.flatMap((d) => d.errors)) === upstream);
}
