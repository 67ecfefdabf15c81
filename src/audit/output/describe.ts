// Words shared by the audit outputs: what was audited, and an error in one line.

import type { AuditError, AuditTarget } from '../model';

export function describeTarget(t: AuditTarget): string {
  if (t.source === 'files') {
    const files = t.files ?? [];
    return `offline input: ${files.length === 1 ? files[0] : `${files.length} files`}`;
  }
  const parts = [`cluster ${t.server ?? ''}`.trim()];
  if (t.context) parts.push(`context ${t.context}`);
  if (t.serverVersion) parts.push(`Kubernetes ${t.serverVersion}`);
  return parts.join(' · ');
}

/** `namespace shop: pods: pods is forbidden: …`, `input.json:12: invalid YAML: …`. */
export function describeError(e: AuditError): string {
  const where: string[] = [];
  if (e.file !== undefined) where.push(e.line !== undefined ? `${e.file}:${e.line}` : e.file);
  if (e.namespace !== undefined) where.push(`namespace ${e.namespace}`);
  // The namespace itself needs no second mention as a resource.
  if (e.resource !== undefined && e.file === undefined && e.resource !== 'namespaces') where.push(e.resource);
  return where.length ? `${where.join(': ')}: ${e.message}` : e.message;
}
