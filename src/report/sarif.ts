// `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, …). One rule per check
// (PSS and policies) with its help and severity; one result per finding, located at the offending
// field's line; excepted findings carry a SARIF suppression with their justification instead of
// being dropped. Streamed like the JSON output.
// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html; GitHub's use of
// `security-severity` and `partialFingerprints`: docs.github.com, "SARIF support for code scanning".

import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Severity } from '../policies/severity';
import type { Profile } from '../pss/evaluate';
import type { FileReport, Reporter, ReportError, Result, RunInfo, Summary, Violation } from './model';
import { Output } from './output';
import { allRules, type RuleInfo } from '../policies/rules';
import { describeObject } from '../k8s/object-ref';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = (require('../../../package.json') as { version: string }).version;

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub maps >= 9.0 to critical, 7.0-8.9 high, 4.0-6.9 medium, below that low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

const SRCROOT = '%SRCROOT%';

/** A path as a relative URI reference (or a file: URI when absolute), each segment percent-encoded. */
export function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  if (path.isAbsolute(file)) return { uri: `file://${encoded.startsWith('/') ? '' : '/'}${encoded}` };
  return { uri: encoded.replace(/^(\.\/)+/, ''), uriBaseId: SRCROOT };
}

/**
 * SARIF wants `name` to be a readable identifier different from the opaque `id` (3.49.7; the
 * SARIF validator's rule SARIF1001 compares them ignoring case), so it is built from the title:
 * "Dangerous capability added" → `DangerousCapabilityAdded`; omitted when it would equal the id.
 */
function ruleName(r: RuleInfo): string | undefined {
  const name = r.title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return name === '' || name.toLowerCase() === r.id.toLowerCase() ? undefined : name;
}

function ruleJson(r: RuleInfo): object {
  const refs = r.references.map((x) => `- [${x.title}](${x.url})`).join('\n');
  const helpText = [r.description, r.remediation ? `Remediation: ${r.remediation}` : '', ...r.references.map((x) => `${x.title}: ${x.url}`)]
    .filter(Boolean)
    .join('\n\n');
  const helpMarkdown = [`**${r.title}** (${r.severity})`, r.description, r.remediation ? `**Remediation:** ${r.remediation}` : '', refs]
    .filter(Boolean)
    .join('\n\n');
  return {
    id: r.id,
    ...(ruleName(r) !== undefined ? { name: ruleName(r) } : {}),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: helpText, markdown: helpMarkdown },
    ...(r.references[0] ? { helpUri: r.references[0].url } : {}),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: ['security', 'kubernetes', r.standard === 'pss' ? 'pod-security-standards' : r.category!],
      precision: 'very-high',
      'security-severity': SECURITY_SEVERITY[r.severity],
      severity: r.severity,
      standard: r.standard,
      ...(r.level ? { level: r.level } : {}),
      ...(r.preset ? { preset: r.preset } : {}),
    },
  };
}

function fingerprint(r: Result, v: Violation): string {
  const o = r.object;
  return createHash('sha256')
    .update([r.source.file, o.kind, o.namespace ?? '', o.name ?? '', r.podPath, v.check, v.detail].join('\0'))
    .digest('hex')
    .slice(0, 32);
}

export class SarifReporter implements Reporter {
  private first = true;
  private readonly errors: ReportError[] = [];
  private readonly index = new Map<string, number>();
  /** `rules`: every rule the run can report (the loaded settings' registry: allRules(loaded.registry)). */
  constructor(
    private readonly out = new Output(),
    private readonly rules: readonly RuleInfo[] = allRules(),
  ) {}

  begin(profile: Profile, run?: RunInfo): void {
    const rules = this.rules;
    rules.forEach((r, i) => this.index.set(r.id, i));
    const driver = {
      name: 'podguard',
      version: VERSION,
      semanticVersion: VERSION,
      informationUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
      rules: rules.map(ruleJson),
    };
    const properties = {
      profile: { level: profile.level, version: profile.version === 'latest' ? 'latest' : `v1.${profile.version}` },
      ...(run?.preset ? { preset: run.preset } : {}),
      ...(run?.failOn ? { failOn: run.failOn } : {}),
    };
    const base = { [SRCROOT]: { uri: `${artifactUri(process.cwd()).uri.replace(/\/?$/, '/')}` } };
    this.out.write(
      `{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":${JSON.stringify(driver)}},` +
        `"originalUriBaseIds":${JSON.stringify(base)},"columnKind":"utf16CodeUnits","properties":${JSON.stringify(properties)},"results":[`,
    );
  }

  private result(r: Result, v: Violation): object {
    const line = v.fields.find((f) => f.line !== undefined)?.line ?? r.source.line;
    const e = v.exception;
    const object = `${describeObject(r.object)}${r.podPath ? ` (${r.podPath})` : ''}`;
    return {
      ruleId: v.check,
      ruleIndex: this.index.get(v.check) ?? -1,
      level: LEVEL[v.severity],
      message: { text: `${v.detail || v.reason} — ${object}` },
      locations: [
        {
          // A rendered Helm template's lines are the rendered output's, not the template's: name the file only.
          physicalLocation:
            r.source.rendered?.lines === 'output'
              ? { artifactLocation: artifactUri(r.source.file) }
              : { artifactLocation: artifactUri(r.source.file), region: { startLine: Math.max(1, line) } },
          logicalLocations: [
            { name: r.object.name ?? '', fullyQualifiedName: `${r.object.namespace ?? ''}/${r.object.kind}/${r.object.name ?? ''}`, kind: 'object' },
          ],
        },
      ],
      partialFingerprints: { 'podguard/v1': fingerprint(r, v) },
      ...(e?.status === 'applied'
        ? { suppressions: [{ kind: e.source === 'annotation' ? 'inSource' : 'external', status: 'accepted', justification: e.justification }] }
        : {}),
      properties: {
        severity: v.severity,
        standard: v.standard,
        ...(v.level ? { level: v.level } : {}),
        fields: v.fields.map((f) => f.path),
        object: r.object,
        ...(r.source.rendered ? { rendered: { ...r.source.rendered, line } } : {}),
        ...(e ? { exception: e } : {}),
      },
    };
  }

  file(report: FileReport): void {
    for (const r of report.results) {
      for (const v of r.violations) {
        this.out.write(this.first ? '\n' : ',\n');
        this.first = false;
        this.out.write(JSON.stringify(this.result(r, v)));
      }
    }
    this.errors.push(...report.errors);
  }

  end(summary: Summary): Promise<void> {
    const notifications = this.errors.map((e) => ({
      level: 'error',
      message: { text: e.message },
      locations: [
        { physicalLocation: { artifactLocation: artifactUri(e.file), ...(e.line !== undefined ? { region: { startLine: Math.max(1, e.line) } } : {}) } },
      ],
    }));
    const invocation = { executionSuccessful: summary.errors === 0, toolExecutionNotifications: notifications, properties: { summary } };
    this.out.write(`\n],"invocations":[${JSON.stringify(invocation)}]}]}\n`);
    return this.out.close();
  }
}
