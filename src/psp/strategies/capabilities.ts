// The capabilities strategy. Upstream (v1.24.17): pkg/security/podsecuritypolicy/capabilities/capabilities.go.

import { sortedUnique } from '../../pss/go-strings';
import { goValue, invalid, type FieldError } from '../field-error';
import { asObject, listOf, type Json } from './pod-json';

/** Generate: the container's own capabilities object when nothing changes, else a new one. */
export function generateCapabilities(defaultAdd: readonly string[], requiredDrop: readonly string[], container: Json): unknown {
  const sc = asObject(container.securityContext);
  const own = sc ? asObject(sc.capabilities) : undefined;
  const containerAdd = new Set(listOf<string>(own?.add) ?? []);
  const containerDrop = new Set(listOf<string>(own?.drop) ?? []);
  const add = new Set([...defaultAdd].filter((c) => !containerDrop.has(c)));
  for (const c of containerAdd) add.add(c);
  const drop = new Set([...requiredDrop, ...containerDrop]);
  if (add.size === containerAdd.size && drop.size === containerDrop.size) return sc?.capabilities;
  const out: Json = {};
  if (add.size > 0) out.add = sortedUnique(add);
  if (drop.size > 0) out.drop = sortedUnique(drop);
  return out;
}

export function validateCapabilities(
  path: string,
  defaultAdd: readonly string[],
  requiredDrop: readonly string[],
  allowed: readonly string[],
  capabilities: unknown,
): FieldError[] {
  const caps = asObject(capabilities);
  if (!caps) {
    if (defaultAdd.length === 0 && requiredDrop.length === 0) return [];
    return [invalid(path, 'null', 'required capabilities are not set on the securityContext')];
  }
  // policy.AllowAllCapabilities
  if (allowed.includes('*')) return [];
  const errs: FieldError[] = [];
  for (const c of listOf<string>(caps.add) ?? []) {
    if (!defaultAdd.includes(c) && !allowed.includes(c)) errs.push(invalid(`${path}.add`, goValue.string(c), 'capability may not be added'));
  }
  const drops = listOf<string>(caps.drop);
  for (const d of requiredDrop) {
    if (!(drops ?? []).includes(d)) errs.push(invalid(`${path}.drop`, goValue.capabilities(drops), `${d} is required to be dropped but was not found`));
  }
  return errs;
}
