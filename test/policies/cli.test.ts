// The commands of issue 3 end to end: policies list/docs, scan with configuration, presets,
// fail-on, exceptions (configured and annotated), and exceptions lint.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { podguard, type ScanDoc } from '../support/cli';
import { CONFIG, INSECURE, workspace } from './fixtures';

function json(args: string[], cwd: string): { code: number | null; doc: ScanDoc; stderr: string } {
  const run = podguard([...args, '-o', 'json'], { cwd });
  return { code: run.code, doc: JSON.parse(run.stdout) as ScanDoc, stderr: run.stderr };
}
const VALID = INSECURE.slice(0, INSECURE.lastIndexOf('---'));

describe('podguard policies list', () => {
  test('--format json: at least 30 policies beyond the 19 PSS checks, each complete', () => {
    const run = podguard(['policies', 'list', '-o', 'json']);
    assert.equal(run.code, 0);
    const { checks } = JSON.parse(run.stdout) as {
      checks: { id: string; standard: string; severity: string; rationale: string; remediation?: string; references: { url: string }[] }[];
    };
    assert.equal(checks.filter((c) => c.standard === 'pss').length, 19);
    const policies = checks.filter((c) => c.standard === 'podguard');
    assert.ok(policies.length >= 30, String(policies.length));
    for (const p of policies) {
      assert.ok(['critical', 'high', 'medium', 'low'].includes(p.severity), p.id);
      assert.ok(p.rationale && p.remediation && p.references.length > 0, p.id);
    }
  });
  test('--preset filters policies; text and markdown formats', () => {
    const rec = JSON.parse(podguard(['policies', 'list', '-o', 'json', '--preset', 'recommended']).stdout) as { checks: { id: string; standard: string }[] };
    const strict = JSON.parse(podguard(['policies', 'list', '-o', 'json', '--preset', 'strict']).stdout) as { checks: unknown[] };
    assert.ok(rec.checks.length < strict.checks.length);
    assert.ok(!rec.checks.some((c) => c.id === 'writable-root-filesystem'));
    assert.match(podguard(['policies', 'list']).stdout, /^Pod Security Standards \(19\)/);
    assert.match(podguard(['policies', 'list', '-o', 'markdown']).stdout, /^\| id \| standard \| severity/);
    assert.equal(podguard(['policies', 'list', '-o', 'xml']).code, 2);
  });
  test('docs DIR writes every page, and a second run changes nothing', () => {
    const dir = path.join(workspace({}), 'out');
    assert.equal(podguard(['policies', 'docs', dir]).code, 0);
    assert.ok(fs.existsSync(path.join(dir, 'dangerous-capabilities.md')));
    assert.match(podguard(['policies', 'docs', dir]).stderr, / 0 pages written/);
  });
});

describe('scan with configuration', () => {
  test('podguard.yaml is found in the working directory; exceptions show what was excepted and why', () => {
    const cwd = workspace({ 'k8s/app.yaml': VALID, 'podguard.yaml': CONFIG });
    const { code, doc } = json(['scan', 'k8s'], cwd);
    assert.equal(code, 1);
    assert.deepEqual(doc.settings, { preset: 'recommended', failOn: 'low', config: 'podguard.yaml' });
    const agent = doc.results[1]!;
    const socket = agent.violations.find((v) => v.check === 'container-runtime-socket')!;
    assert.deepEqual(socket.exception, {
      status: 'applied',
      id: 'agent-socket',
      source: 'config',
      justification: 'the agent lists containers (SEC-8)',
      expires: '2999-12-31',
      file: 'podguard.yaml',
      line: 2,
    });
    const ns = agent.violations.find((v) => v.check === 'hostNamespaces')!;
    assert.deepEqual(ns.exception, {
      status: 'applied',
      id: 'exception.podguard.dev/hostNamespaces',
      source: 'annotation',
      justification: 'reads node process metrics (SEC-7)',
      annotation: 'exception.podguard.dev/hostNamespaces',
    });
    assert.equal(agent.allowed, false, "exceptions never change the standard's verdict");
    assert.equal(doc.summary.excepted, 2);
  });

  test('the default preset adds policies; --preset pss is the standard only; findings are riskiest first', () => {
    const cwd = workspace({ 'app.yaml': VALID });
    const rec = json(['scan', '--level', 'baseline', 'app.yaml'], cwd).doc.results[1]!;
    const pss = json(['scan', '--level', 'baseline', '--preset', 'pss', 'app.yaml'], cwd).doc.results[1]!;
    assert.ok(pss.violations.every((v) => v.standard === 'pss'));
    assert.ok(rec.violations.some((v) => v.check === 'container-runtime-socket' && v.severity === 'critical'));
    const ranks = rec.violations.map((v) => ['critical', 'high', 'medium', 'low'].indexOf(v.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
  });

  test('--fail-on: exit 1 only for findings at or above it (the 0/1/2 contract)', () => {
    const cwd = workspace({ 'ok.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  shareProcessNamespace: true\n  containers: [{name: a}]\n' });
    assert.equal(podguard(['scan', '--level', 'privileged', '--preset', 'strict', 'ok.yaml'], { cwd }).code, 1);
    assert.equal(podguard(['scan', '--level', 'privileged', '--preset', 'strict', '--fail-on', 'high', 'ok.yaml'], { cwd }).code, 0);
    assert.equal(podguard(['scan', '--fail-on', 'severe', 'ok.yaml'], { cwd }).code, 2);
  });

  test('an annotation exception on a locked check does not apply, and says so', () => {
    const cwd = workspace({
      'podguard.yaml': 'lockedChecks: [privileged]\n',
      'pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    exception.podguard.dev/privileged: "trust me"\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n',
    });
    const { code, doc } = json(['scan', '--level', 'baseline', '--preset', 'pss', 'pod.yaml'], cwd);
    assert.equal(code, 1);
    assert.equal(doc.results[0]!.violations[0]!.exception!.status, 'locked');
  });

  test('configuration errors are reported with file and line, exit 2, and the scan still runs', () => {
    const cwd = workspace({ 'podguard.yaml': 'preset: strcit\n', 'pod.yaml': VALID });
    const run = podguard(['scan', 'pod.yaml'], { cwd });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /podguard\.yaml:1: error: preset: "strcit" is not one of pss, recommended, strict/);
    assert.match(run.stdout, /Deployment shop\/web/);
    assert.equal(podguard(['scan', '--config', 'missing.yaml', 'pod.yaml'], { cwd }).stderr, 'podguard: missing.yaml: configuration file not found\n');
  });

  test('per-namespace settings: results evaluated at another profile say so', () => {
    const cwd = workspace({ 'podguard.yaml': 'namespaces:\n  monitoring: {level: privileged}\n', 'app.yaml': VALID });
    const { doc } = json(['scan', 'app.yaml'], cwd);
    assert.equal(doc.results[0]!.profile, undefined);
    assert.deepEqual(doc.results[1]!.profile, { level: 'privileged', version: 'v1.37' });
    assert.equal(doc.results[1]!.allowed, true);
  });

  test('a Kubernetes PodSecurityConfiguration: its exempt namespace is allowed', () => {
    const cwd = workspace({
      'psa.yaml':
        'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults: {enforce: baseline}\nexemptions: {namespaces: [shop]}\n',
      'app.yaml': VALID,
    });
    const { doc } = json(['scan', '--config', 'psa.yaml', '--preset', 'pss', 'app.yaml'], cwd);
    assert.deepEqual(doc.profile, { level: 'baseline', version: 'v1.37' });
    assert.deepEqual([doc.results[0]!.allowed, doc.results[0]!.exempt, doc.results[0]!.violations], [true, 'namespace', []]);
    assert.equal(doc.results[1]!.allowed, false);
  });

  test('text output shows severities, exceptions and ends with the riskiest workloads', () => {
    const cwd = workspace({ 'k8s/app.yaml': VALID, 'podguard.yaml': CONFIG });
    const out = podguard(['scan', 'k8s'], { cwd }).stdout;
    assert.match(out, /CRITICAL {2}privileged/);
    assert.match(out, /EXCEPTED {2}container-runtime-socket/);
    assert.match(out, /↳ excepted \(podguard\.yaml:2, until 2999-12-31\): the agent lists containers \(SEC-8\)/);
    assert.match(out, /Riskiest workloads\n {2}Deployment shop\/web & <api> +1 critical/);
  });
});

describe('podguard exceptions lint', () => {
  test('reports expired, unjustified and unused exceptions; exit 1; clean is exit 0', () => {
    const cwd = workspace({
      'podguard.yaml': `${CONFIG}- id: gone\n  namespace: nowhere\n  checks: [privileged]\n  justification: old team\n- id: past\n  checks: [privileged]\n  justification: migration\n  expires: 2020-01-01\n`,
      'k8s/app.yaml': VALID,
    });
    const run = podguard(['exceptions', 'lint', 'k8s', '-o', 'json'], { cwd });
    assert.equal(run.code, 1);
    const { problems } = JSON.parse(run.stdout) as { problems: { kind: string; id: string }[] };
    assert.deepEqual(
      problems.map((p) => [p.kind, p.id]),
      [
        ['unused', 'gone'],
        ['expired', 'past'],
      ],
    );
    assert.equal(podguard(['exceptions', 'lint', 'k8s'], { cwd: workspace({ 'podguard.yaml': CONFIG, 'k8s/app.yaml': VALID }) }).code, 0);
  });
  test('--now looks ahead; usage errors exit 2', () => {
    const cwd = workspace({ 'podguard.yaml': CONFIG, 'k8s/app.yaml': VALID });
    const run = podguard(['exceptions', 'lint', 'k8s', '--now', '3000-01-01'], { cwd });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /podguard\.yaml:2: expired: exception agent-socket expired 2999-12-31/);
    assert.equal(podguard(['exceptions', 'check'], { cwd }).code, 2);
    assert.equal(podguard(['exceptions', 'lint', '--now', 'soon'], { cwd }).code, 2);
  });
});
