// podguard rbac end to end on examples/rbac: every finding kind appears with its subject, binding
// and namespace (the table in docs/rbac.md), in every output format; `can` answers; bad input is
// one clear error.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { FINDING_IDS } from '../../src/rbac/finding-kinds';
import { podguard, REPO } from '../support/cli';

const DIR = path.join(REPO, 'examples', 'rbac');
const ARGS = ['rbac', 'cluster-dump.yaml', 'pod-security-config.yaml', '-c', 'podguard.yaml'];

interface Finding {
  id: string;
  severity: string;
  subject: { kind: string; name: string; namespace?: string };
  binding: { kind: string; namespace?: string; name: string; source: { file: string; line: number } };
  namespace?: string;
  scope: string;
  exception?: { status: string; id: string };
}

function json(): { code: number | null; doc: { findings: Finding[]; summary: Record<string, number>; errors: unknown[] } } {
  const run = podguard([...ARGS, '-o', 'json'], { cwd: DIR });
  return { code: run.code, doc: JSON.parse(run.stdout) };
}

const has = (fs: Finding[], id: string, subject: string, binding: string, namespace?: string) =>
  fs.some(
    (f) =>
      f.id === id &&
      `${f.subject.kind} ${f.subject.namespace ? `${f.subject.namespace}/` : ''}${f.subject.name}` === subject &&
      `${f.binding.kind} ${f.binding.namespace ? `${f.binding.namespace}/` : ''}${f.binding.name}` === binding &&
      f.namespace === namespace,
  );

test('every finding kind appears on the example, with its subject, binding and namespace', () => {
  const { code, doc } = json();
  assert.equal(code, 1);
  assert.deepEqual(doc.errors, []);
  assert.deepEqual([...new Set(doc.findings.map((f) => f.id))].sort(), [...FINDING_IDS].sort());
  const f = doc.findings;
  const expected: [string, string, string, string | undefined][] = [
    ['rbac-create-pods-privileged-namespace', 'Group devs', 'RoleBinding legacy/devs-run-pods', 'legacy'],
    ['rbac-create-pods-privileged-namespace', 'User break-glass', 'ClusterRoleBinding break-glass', 'legacy'],
    ['rbac-create-pods-baseline-namespace', 'User bob', 'RoleBinding team-a/bob-deploys', 'team-a'],
    ['rbac-create-pods-exempt-namespace', 'ServiceAccount kube-system/operator', 'RoleBinding kube-system/operator-runs-pods', 'kube-system'],
    ['rbac-create-pods-exempt-runtime-class', 'User bob', 'RoleBinding team-a/bob-deploys', 'team-a'],
    ['rbac-create-pods-exempt-user', 'User break-glass', 'ClusterRoleBinding break-glass', 'prod'],
    ['rbac-create-pods-exempt-user', 'User bob', 'RoleBinding team-a/bob-deploys', 'team-a'],
    ['rbac-patch-namespace', 'User carol', 'RoleBinding prod/carol-labels-prod', 'prod'],
    ['rbac-edit-admission-webhooks', 'Group platform', 'ClusterRoleBinding platform-admission', undefined],
    ['rbac-edit-admission-policies', 'Group platform', 'ClusterRoleBinding platform-admission', undefined],
    ['rbac-pod-exec', 'Group sre', 'RoleBinding prod/sre-debug', 'prod'],
    ['rbac-nodes-proxy', 'ServiceAccount monitoring/prometheus', 'ClusterRoleBinding prometheus-kubelet', undefined],
    ['rbac-escalate', 'User dave', 'ClusterRoleBinding dave-manages-rbac', undefined],
    ['rbac-bind', 'User dave', 'ClusterRoleBinding dave-manages-rbac', undefined],
    ['rbac-impersonate', 'User dave', 'ClusterRoleBinding dave-manages-rbac', undefined],
    ['rbac-create-serviceaccount-token', 'Group sre', 'RoleBinding prod/sre-debug', 'prod'],
    ['rbac-read-secrets', 'Group sre', 'RoleBinding prod/sre-debug', 'prod'],
    ['rbac-approve-csr', 'ServiceAccount kube-system/csr-approver', 'ClusterRoleBinding csr-signer', undefined],
    ['rbac-sign-csr', 'ServiceAccount kube-system/csr-approver', 'ClusterRoleBinding csr-signer', undefined],
  ];
  for (const [id, subject, binding, ns] of expected)
    assert.ok(has(f, id, subject, binding, ns), `${id} for ${subject} through ${binding} in ${ns ?? '(cluster)'}`);
  // Not reported: pods in a restricted namespace through a namespaced binding, a privileged
  // namespace's finding for a namespace that is not privileged, the exempt user where nothing is checked.
  assert.ok(!f.some((x) => x.id === 'rbac-create-pods-privileged-namespace' && x.namespace !== 'legacy'));
  assert.ok(!f.some((x) => x.id === 'rbac-create-pods-exempt-user' && (x.namespace === 'legacy' || x.namespace === 'kube-system')));
  // The binding's line is the line of the binding in the dump.
  const carol = f.find((x) => x.id === 'rbac-patch-namespace')!;
  assert.equal(
    fs.readFileSync(path.join(DIR, 'cluster-dump.yaml'), 'utf8').split('\n')[carol.binding.source.line - 1],
    '- apiVersion: rbac.authorization.k8s.io/v1',
  );
  assert.match(fs.readFileSync(path.join(DIR, 'cluster-dump.yaml'), 'utf8').split('\n')[carol.binding.source.line + 1]!, /carol-labels-prod/);
});

test('the exception covers exactly its finding, which stays in the output marked', () => {
  const { doc } = json();
  const excepted = doc.findings.filter((f) => f.exception?.status === 'applied');
  assert.deepEqual(
    excepted.map((f) => `${f.id} ${f.subject.name} ${f.namespace}`),
    ['rbac-read-secrets sre prod'],
  );
  assert.equal(doc.summary['excepted'], 1);
  assert.equal(doc.summary['failing'], doc.findings.length - 1);
  // --fail-on critical with only the non-critical ones left would pass: here criticals remain.
  assert.equal(podguard([...ARGS, '--fail-on', 'critical'], { cwd: DIR }).code, 1);
  // The same podguard.yaml is accepted by scan (rbac ids are known checks for exceptions).
  const scan = podguard(['scan', '-c', path.join(DIR, 'podguard.yaml'), 'examples/hardened/']);
  assert.equal(scan.code, 0, scan.stderr);
});

test('text, SARIF and HTML carry the same findings', () => {
  const { doc } = json();
  const text = podguard(ARGS, { cwd: DIR });
  assert.equal(text.code, 1);
  assert.match(
    text.stdout,
    /CRITICAL rbac-patch-namespace\n\s+User carol can patch namespaces "prod" in namespace prod \(it enforces restricted:latest\), through RoleBinding prod\/carol-labels-prod of ClusterRole namespace-labeller\n\s+at cluster-dump\.yaml:167/,
  );
  assert.match(text.stdout, /rbac-read-secrets \[excepted: SRE on-call/);
  assert.match(text.stdout, new RegExp(`^${doc.findings.length} RBAC findings \\(14 critical, 10 high, 2 medium; 1 excepted\\)`, 'm'));
  const sarif = JSON.parse(podguard([...ARGS, '-o', 'sarif'], { cwd: DIR }).stdout);
  const run = sarif.runs[0];
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(
    run.tool.driver.rules.map((r: { id: string }) => r.id),
    [...FINDING_IDS],
  );
  assert.equal(run.results.length, doc.findings.length);
  for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
  assert.equal(run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions).length, 1);
  assert.equal(new Set(run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['podguard/v1'])).size, run.results.length);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-rbac-')), 'rbac.html');
  try {
    assert.equal(podguard([...ARGS, '-o', 'html', '--output-file', out], { cwd: DIR }).code, 1);
    const html = fs.readFileSync(out, 'utf8');
    assert.match(html, /<title>podguard RBAC report<\/title>/);
    const data = JSON.parse(/<script type="application\/json" id="findings-data">(.*?)<\/script>/s.exec(html)![1]!.replace(/\\u003c/g, '<')) as {
      check: string;
    }[];
    assert.equal(data.length, doc.findings.length);
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
});

test('can: yes with the granting binding, no with exit 1, like kubectl auth can-i --as', () => {
  const yes = podguard(['rbac', 'can', 'system:serviceaccount:kube-system:operator', 'create', 'pods', '-n', 'kube-system', 'cluster-dump.yaml'], { cwd: DIR });
  assert.equal(yes.code, 0);
  assert.match(yes.stdout, /^yes\n/);
  assert.match(
    yes.stdout,
    /allowed by RoleBinding "operator-runs-pods\/kube-system" of ClusterRole "pod-runner" to ServiceAccount "operator\/kube-system"\n\s+cluster-dump\.yaml:155; rule 0 of ClusterRole pod-runner/,
  );
  const no = podguard(['rbac', 'can', 'system:serviceaccount:kube-system:operator', 'create', 'pods', '-n', 'prod', 'cluster-dump.yaml'], { cwd: DIR });
  assert.equal(no.code, 1);
  assert.match(no.stdout, /^no\n/);
  // aggregation: the group platform may update webhooks through the aggregated role
  const agg = JSON.parse(
    podguard(
      [
        'rbac',
        'can',
        'someone',
        'update',
        'validatingwebhookconfigurations.admissionregistration.k8s.io',
        '--group',
        'platform',
        '-A',
        'cluster-dump.yaml',
        '-o',
        'json',
      ],
      { cwd: DIR },
    ).stdout,
  );
  assert.equal(agg.allowed, true);
  assert.deepEqual(agg.user.groups, ['platform', 'system:authenticated']);
  assert.equal(agg.grants[0].role.name, 'admission-editor');
  // a RoleBinding to patch namespaces reaches its own namespace object
  assert.equal(podguard(['rbac', 'can', 'carol', 'patch', 'namespaces/prod', '-n', 'prod', 'cluster-dump.yaml'], { cwd: DIR }).code, 0);
  assert.equal(podguard(['rbac', 'can', 'carol', 'patch', 'namespaces/legacy', '-n', 'legacy', 'cluster-dump.yaml'], { cwd: DIR }).code, 1);
});

test('bad input: one error with file, line and field; the rest is still analysed (exit 2)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-rbac-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'bad.yaml'),
      [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata: {name: broken}',
        'rules:',
        '- apiGroups: [""]',
        '  resources: pods',
        '  verbs: [get]',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRoleBinding',
        'metadata: {name: ok}',
        'roleRef: {kind: ClusterRole, name: cluster-admin}',
        'subjects: [{kind: User, name: x}]',
        '',
      ].join('\n'),
    );
    const r = podguard(['rbac', path.join(dir, 'bad.yaml'), '-o', 'json']);
    assert.equal(r.code, 2);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      doc.errors.map((e: { line: number; message: string }) => `${e.line} ${e.message}`),
      ['6 ClusterRole broken: rules[0].resources: must be a list of strings'],
    );
    assert.equal(doc.summary.bindings, 1);
    const text = podguard(['rbac', path.join(dir, 'bad.yaml')]);
    assert.match(text.stderr, /bad\.yaml:6: error: ClusterRole broken: rules\[0\]\.resources: must be a list of strings/);
    assert.doesNotMatch(text.stderr, /at .*\.js:\d+/, 'no stack trace');
    assert.equal(podguard(['rbac']).code, 2);
    assert.match(podguard(['rbac', 'can', 'x']).stderr, /usage: podguard rbac can SUBJECT VERB RESOURCE/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
