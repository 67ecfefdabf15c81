import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import yaml from 'js-yaml';
import { NO_EXEMPTIONS } from '../../psa/exemptions';
import { auditNamespace } from '../audit-namespace';
import type { NamespaceAudit } from '../model';
import type { KubeObject } from '../../k8s/types';
import { Output } from '../../report/output';
import { clusterPolicyReport, namespacePolicyReport, namespaceVerdict, PolicyReportAuditReporter, type PolicyReportObject } from './policyreport';
import { BASELINE_SPEC, namespace, pod, PRIVILEGED_SPEC, RESTRICTED_SPEC } from '../../../test/audit/fixtures';
import { Writable } from 'node:stream';

const NOW = new Date('2026-03-01T12:00:00.500Z');

function audit(name: string, labels: Record<string, string>, objects: KubeObject[], extra: { exempt?: boolean } = {}): NamespaceAudit {
  return auditNamespace(
    { name, namespace: namespace(name, labels), objects, errors: [] },
    { serverMinor: 33, ...(extra.exempt ? { exemptions: { ...NO_EXEMPTIONS, namespaces: new Set([name]) } } : {}) },
  );
}

/** The enumerations and required fields of wgpolicyk8s.io/v1alpha2, checked on every result. */
function assertValid(r: PolicyReportObject): void {
  assert.equal(r.apiVersion, 'wgpolicyk8s.io/v1alpha2');
  assert.ok(r.kind === 'PolicyReport' || r.kind === 'ClusterPolicyReport');
  assert.equal(r.kind === 'PolicyReport', typeof r.metadata.namespace === 'string');
  const counts = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const x of r.results) {
    assert.ok(['pass', 'fail', 'warn', 'error', 'skip'].includes(x.result), x.result);
    if (x.severity !== undefined) assert.ok(['critical', 'high', 'medium', 'low', 'info'].includes(x.severity), x.severity);
    assert.equal(typeof x.policy, 'string');
    assert.equal(x.source, 'podguard');
    assert.deepEqual(x.timestamp, { seconds: Math.floor(NOW.getTime() / 1000), nanos: 0 });
    for (const v of Object.values(x.properties ?? {})) assert.equal(typeof v, 'string', 'properties are a map of strings');
    counts[x.result]++;
  }
  assert.deepEqual(r.summary, counts);
}

describe('namespacePolicyReport', () => {
  const ns = audit('shop', { 'pod-security.kubernetes.io/enforce': 'baseline' }, [
    pod('shop', 'priv', PRIVILEGED_SPEC),
    pod('shop', 'plain', BASELINE_SPEC),
    pod('shop', 'good', RESTRICTED_SPEC),
  ]);
  const report = namespacePolicyReport(ns, NOW);

  test('is a valid v1alpha2 PolicyReport named podguard in the namespace', () => {
    assertValid(report);
    assert.deepEqual(report.metadata, { name: 'podguard', namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'podguard' } });
  });

  test('a check of the enforced level is fail (scored); one of a stricter level only is warn (not scored)', () => {
    const priv = report.results.filter((r) => r.resources?.[0]?.name === 'priv');
    const privileged = priv.find((r) => r.rule === 'privileged')!;
    assert.equal(privileged.policy, 'pod-security-baseline');
    assert.equal(privileged.result, 'fail');
    assert.equal(privileged.scored, true);
    assert.equal(privileged.severity, 'critical');
    assert.equal(privileged.message, 'privileged (container "web" must not set securityContext.privileged=true)');
    assert.deepEqual(privileged.resources, [
      { apiVersion: 'v1', kind: 'Pod', name: 'priv', namespace: 'shop', uid: ns.workloads.find((w) => w.object.name === 'priv')!.object.uid },
    ]);
    const ape = priv.find((r) => r.rule === 'allowPrivilegeEscalation')!;
    assert.equal(ape.policy, 'pod-security-restricted');
    assert.equal(ape.result, 'warn');
    assert.equal(ape.scored, false);
  });

  test('each check is reported once, under its own level, even though restricted also runs the baseline checks', () => {
    const rules = report.results.filter((r) => r.resources?.[0]?.name === 'priv' && r.rule).map((r) => r.rule);
    assert.equal(new Set(rules).size, rules.length);
  });

  test('a level a workload meets is one pass result', () => {
    const good = report.results.filter((r) => r.resources?.[0]?.name === 'good');
    assert.deepEqual(
      good.map((r) => [r.policy, r.result]),
      [
        ['pod-security-baseline', 'pass'],
        ['pod-security-restricted', 'pass'],
      ],
    );
    const plain = report.results.filter((r) => r.resources?.[0]?.name === 'plain');
    assert.deepEqual(
      plain.filter((r) => r.result === 'pass').map((r) => r.policy),
      ['pod-security-baseline'],
    );
  });

  test('what cannot be read is an error result', () => {
    const r = namespacePolicyReport({ ...ns, errors: [{ namespace: 'shop', resource: 'pods', status: 403, message: 'pods is forbidden' }] }, NOW);
    assertValid(r);
    assert.deepEqual(
      r.results.filter((x) => x.result === 'error').map((x) => x.message),
      ['pods is forbidden'],
    );
  });
});

describe('clusterPolicyReport', () => {
  test('judges each namespace by its enforced level', () => {
    const verdicts = [
      audit('broken', { 'pod-security.kubernetes.io/enforce': 'restricted' }, [pod('broken', 'p', BASELINE_SPEC)]),
      audit('loose', {}, [pod('loose', 'p', RESTRICTED_SPEC)]),
      audit('right', { 'pod-security.kubernetes.io/enforce': 'baseline' }, [pod('right', 'p', BASELINE_SPEC)]),
      audit('system', {}, [pod('system', 'p', PRIVILEGED_SPEC)], { exempt: true }),
    ].map(namespaceVerdict);
    const r = clusterPolicyReport(verdicts, NOW);
    assertValid(r);
    assert.equal(r.metadata.name, 'podguard-namespaces');
    assert.deepEqual(
      r.results.map((x) => [x.resources![0]!.name, x.result]),
      [
        ['broken', 'fail'],
        ['loose', 'warn'],
        ['right', 'pass'],
        ['system', 'skip'],
      ],
    );
    assert.equal(r.results[1]!.message, 'enforces privileged:latest but every workload already meets restricted');
  });
});

describe('PolicyReportAuditReporter', () => {
  test('writes a YAML stream: one PolicyReport per namespace, then the ClusterPolicyReport', async () => {
    let text = '';
    const sink = new Writable({ write: (c: Buffer, _e, cb) => ((text += c.toString()), cb()) });
    const reporter = new PolicyReportAuditReporter(new Output(sink), () => NOW);
    reporter.begin({ source: 'files' });
    reporter.namespace(audit('a', {}, [pod('a', 'p', BASELINE_SPEC)]));
    reporter.namespace(audit('b', {}, []));
    await reporter.end({} as never, []);
    const docs = yaml.loadAll(text) as PolicyReportObject[];
    assert.deepEqual(
      docs.map((d) => `${d.kind}/${d.metadata.namespace ?? ''}`),
      ['PolicyReport/a', 'PolicyReport/b', 'ClusterPolicyReport/'],
    );
    docs.forEach(assertValid);
    assert.deepEqual(docs[1]!.results, [], 'an empty namespace still gets a report, so applying it clears stale results');
  });
});
