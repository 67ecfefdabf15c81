// `podguard rbac --format sarif`: SARIF 2.1.0 with one rule per finding kind (described as
// src/report/sarif.ts describes the scan's rules: help text and markdown, remediation,
// references, security-severity) and one result per finding, located at its binding.

import { createHash } from 'node:crypto';
import type { Severity } from '../../policies/severity';
import { artifactUri } from '../../report/sarif';
import type { RbacFinding } from '../analyse';
import { FINDING_KINDS, type FindingKind } from '../finding-kinds';
import type { LoadedRbac } from '../load';
import type { RbacSummary } from './summary';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = (require('../../../../package.json') as { version: string }).version;
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

function ruleName(k: FindingKind): string {
  return k.title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function rule(k: FindingKind): object {
  return {
    id: k.id,
    name: ruleName(k),
    shortDescription: { text: k.title },
    fullDescription: { text: k.rationale },
    help: {
      text: [k.rationale, `Remediation: ${k.remediation}`, ...k.references.map((r) => `${r.title}: ${r.url}`)].join('\n\n'),
      markdown: [
        `**${k.title}** (${k.severity})`,
        k.rationale,
        `**Remediation:** ${k.remediation}`,
        k.references.map((r) => `- [${r.title}](${r.url})`).join('\n'),
      ].join('\n\n'),
    },
    helpUri: k.references[0]!.url,
    defaultConfiguration: { level: LEVEL[k.severity] },
    properties: { tags: ['security', 'kubernetes', 'rbac'], precision: 'very-high', 'security-severity': SECURITY_SEVERITY[k.severity], severity: k.severity },
  };
}

function fingerprint(f: RbacFinding): string {
  return createHash('sha256')
    .update(
      [f.id, f.binding.kind, f.binding.namespace ?? '', f.binding.name, f.subject.kind, f.subject.namespace ?? '', f.subject.name, f.namespace ?? ''].join(
        '\0',
      ),
    )
    .digest('hex')
    .slice(0, 32);
}

export function rbacSarif(loaded: LoadedRbac, findings: readonly RbacFinding[], summary: RbacSummary): string {
  const index = new Map(FINDING_KINDS.map((k, i) => [k.id, i]));
  const results = findings.map((f) => ({
    ruleId: f.id,
    ruleIndex: index.get(f.id) ?? -1,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: artifactUri(f.binding.source.file), region: { startLine: Math.max(1, f.binding.source.line) } },
        logicalLocations: [{ name: f.binding.name, fullyQualifiedName: `${f.binding.namespace ?? ''}/${f.binding.kind}/${f.binding.name}`, kind: 'object' }],
      },
    ],
    partialFingerprints: { 'podguard/v1': fingerprint(f) },
    ...(f.exception?.status === 'applied' ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.exception.justification }] } : {}),
    properties: {
      severity: f.severity,
      subject: f.subject,
      binding: { kind: f.binding.kind, namespace: f.binding.namespace, name: f.binding.name },
      role: { kind: f.role.kind, namespace: f.role.namespace, name: f.role.name },
      ...(f.namespace !== undefined ? { namespace: f.namespace } : {}),
      scope: f.scope,
      permissions: f.permissions,
      ...(f.exception ? { exception: f.exception } : {}),
    },
  }));
  const notifications = loaded.errors.map((e) => ({
    level: 'error',
    message: { text: e.message },
    locations: [
      { physicalLocation: { artifactLocation: artifactUri(e.file), ...(e.line !== undefined ? { region: { startLine: Math.max(1, e.line) } } : {}) } },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'podguard',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
            rules: FINDING_KINDS.map(rule),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${artifactUri(process.cwd()).uri.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [{ executionSuccessful: summary.errors === 0, toolExecutionNotifications: notifications, properties: { summary } }],
      },
    ],
  };
  return `${JSON.stringify(log)}\n`;
}
