// The pod as PodSecurityPolicy admission handles it: the core/v1 JSON, mutated in place on a copy.
// Go's nil is an absent (or null) field here; an empty list that is present is a non-nil empty slice.

export type Json = Record<string, unknown>;

export function asObject(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

export function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** A list field: undefined when nil. */
export function listOf<T>(v: unknown): T[] | undefined {
  return Array.isArray(v) ? (v as T[]) : undefined;
}

export function stringOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A *int64 or *bool field. */
export function optionalOf<T extends number | boolean>(v: unknown): T | undefined {
  return v === undefined || v === null ? undefined : (v as T);
}

/** apiequality.Semantic.DeepEqual on JSON: absent, null and an empty list or map are all equal (nil and empty slices and maps are equal there). */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  const oa = asObject(a);
  const ob = asObject(b);
  if (oa && ob) {
    for (const k of new Set([...Object.keys(oa), ...Object.keys(ob)])) if (!semanticEqual(oa[k], ob[k])) return false;
    return true;
  }
  return a === b || (!present(a) && !present(b));
}

function isEmpty(v: unknown): boolean {
  return !present(v) || (Array.isArray(v) && v.length === 0);
}

/**
 * reflect.DeepEqual as the effective security context's setters use it (a value is written only when
 * it differs from the effective one). Generated values are either unset, a number or bool, or a new
 * object (a generated object never equals what was there: it is only generated when nothing was).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (!present(a) || !present(b)) return !present(a) && !present(b);
  return a === b;
}

/** Every container with its field path, in VisitContainersWithPath order: init, regular, ephemeral. */
export function containersWithPath(spec: Json): { container: Json; path: string }[] {
  const out: { container: Json; path: string }[] = [];
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = listOf<unknown>(spec[key]) ?? [];
    list.forEach((c, i) => {
      const o = asObject(c);
      if (o) out.push({ container: o, path: `spec.${key}[${i}]` });
    });
  }
  return out;
}
