// The one place a real-Kubernetes test reaches into podguard's source tree: the YAML reader,
// for an object-by-object comparison with sigs.k8s.io/yaml (the CLI shows verdicts, not the
// objects it read). If the reader moves, only the import below changes.

import { parseDocuments } from '../../src/sources/parse-documents';

export type Outcome = { readonly object: unknown } | { readonly rejected: string };

/** The non-empty documents of a YAML stream as podguard reads them, in order. */
export function podguardDocuments(text: string): Outcome[] {
  const parsed = parseDocuments(text, 'case.yaml');
  const byDocument = new Map<number, Outcome>();
  for (const o of parsed.objects) if (!byDocument.has(o.document)) byDocument.set(o.document, { object: JSON.parse(JSON.stringify(o.object)) });
  // A file with no Kubernetes object is skipped as not a manifest: podguard reads none of it.
  for (const e of [...parsed.errors, ...(parsed.skipped ?? [])]) byDocument.set(e.document ?? -1, { rejected: e.message });
  return [...byDocument.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o);
}
