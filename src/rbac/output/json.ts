// `podguard rbac --format json`: one document with the namespaces' Pod Security view, every
// finding (with subject, binding, role, namespace and exception) and the errors; docs/rbac.md
// describes the schema.

import { levelVersionString } from '../../psa/namespace-policy';
import type { RbacFinding } from '../analyse';
import type { LoadedRbac } from '../load';
import type { RbacSummary } from './summary';

export function rbacJson(loaded: LoadedRbac, findings: readonly RbacFinding[], summary: RbacSummary): string {
  const src = loaded.podSecuritySource;
  const doc = {
    schemaVersion: 1,
    podSecurity: {
      source: typeof src === 'string' ? src : 'input',
      ...(typeof src === 'object' ? { file: src.file, line: src.line } : {}),
      exemptions: {
        namespaces: [...loaded.podSecurity.exemptions.namespaces],
        usernames: [...loaded.podSecurity.exemptions.usernames],
        runtimeClasses: [...loaded.podSecurity.exemptions.runtimeClasses],
      },
    },
    namespaces: [...loaded.namespaces.values()].map((ns) => ({
      name: ns.name,
      enforce: levelVersionString(ns.enforce),
      exempt: ns.exempt,
      known: ns.source !== undefined,
      ...(ns.labelErrors.length ? { labelErrors: ns.labelErrors } : {}),
    })),
    findings,
    errors: loaded.errors,
    summary,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
