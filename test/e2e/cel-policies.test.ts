// CEL policies in podguard.yaml, end to end through the CLI: they match by kind, namespace,
// label selector and a CEL condition; report message or messageExpression with their severity;
// honour exceptions; appear as SARIF rules and in `policies show`; and a wrong expression is
// reported when the configuration is read, at its line and column.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { podguard } from '../support/cli';
import { tempDir } from '../support/temp-dir';

const CONFIG = `apiVersion: podguard.dev/v1alpha1
kind: PodguardConfiguration
policies:
  - id: service-no-external-ips
    title: Service sets externalIPs
    severity: high
    remediation: Remove spec.externalIPs.
    references: [{ title: CVE-2020-8554, url: "https://github.com/kubernetes/kubernetes/issues/97076" }]
    match:
      kinds: [Service]
      namespaces: ["prod-*"]
      condition: object.spec.type != "ExternalName"
    validations:
      - expression: "!has(object.spec.externalIPs)"
        messageExpression: "'service ' + object.metadata.name + ' sets externalIPs ' + object.spec.externalIPs.join(', ')"
  - id: web-replicas
    title: Too many replicas
    severity: low
    match:
      kinds: [Deployment]
      labelSelector: { matchLabels: { tier: web } }
    validations:
      - expression: object.spec.replicas <= 3
        message: at most 3 replicas
      - expression: object.metadata.name.matches("^[a-z]+$")
`;

const OBJECTS = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: prod-eu }
spec: { type: ClusterIP, externalIPs: ["1.2.3.4", "5.6.7.8"] }
---
apiVersion: v1
kind: Service
metadata: { name: dev-svc, namespace: dev }
spec: { externalIPs: ["1.2.3.4"] }
---
apiVersion: v1
kind: Service
metadata: { name: ext, namespace: prod-us }
spec: { type: ExternalName, externalIPs: ["1.2.3.4"] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web-2, namespace: prod-eu, labels: { tier: web } }
spec:
  replicas: 5
  template:
    spec:
      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: web
          image: nginx
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: prod-eu, labels: { tier: api } }
spec:
  replicas: 9
  template:
    spec:
      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: api
          image: nginx
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
`;

function project(config: string): string {
  const dir = tempDir('podguard-cel-');
  fs.writeFileSync(path.join(dir, 'podguard.yaml'), config);
  fs.writeFileSync(path.join(dir, 'objects.yaml'), OBJECTS);
  return dir;
}

interface Violation {
  check: string;
  standard: string;
  severity: string;
  detail: string;
  exception?: { status: string };
}
interface Result {
  object: { kind: string; name: string };
  violations: Violation[];
}

function scanJson(dir: string, ...args: string[]): { code: number | null; results: Result[]; stderr: string } {
  const r = podguard(['scan', 'objects.yaml', '-o', 'json', ...args], { cwd: dir });
  return { code: r.code, results: (JSON.parse(r.stdout) as { results: Result[] }).results, stderr: r.stderr };
}

function celFindings(results: Result[]): string[] {
  return results.flatMap((r) =>
    r.violations.filter((v) => v.standard === 'podguard').map((v) => `${r.object.kind}/${r.object.name} ${v.check} ${v.severity}: ${v.detail}`),
  );
}

test('CEL policies match by kind, namespace, label selector and condition, with message or messageExpression', () => {
  const { code, results } = scanJson(project(CONFIG));
  assert.equal(code, 1);
  assert.deepEqual(celFindings(results).sort(), [
    'Deployment/web-2 web-replicas low: at most 3 replicas',
    'Deployment/web-2 web-replicas low: failed expression: object.metadata.name.matches("^[a-z]+$")',
    'Service/web service-no-external-ips high: service web sets externalIPs 1.2.3.4, 5.6.7.8',
  ]);
});

test('exceptions apply to CEL policies as to built-in ones', () => {
  const config = `${CONFIG}exceptions:
  - checks: [service-no-external-ips]
    namespace: prod-eu
    justification: the load balancer is migrated next quarter
`;
  const { results } = scanJson(project(config));
  const v = results.flatMap((r) => r.violations).find((x) => x.check === 'service-no-external-ips');
  assert.equal(v?.exception?.status, 'applied');
});

test('CEL policies are SARIF rules and have policies show pages', () => {
  const dir = project(CONFIG);
  const sarif = JSON.parse(podguard(['scan', 'objects.yaml', '-o', 'sarif'], { cwd: dir }).stdout) as {
    runs: { tool: { driver: { rules: { id: string }[] } } }[];
  };
  const ids = sarif.runs[0]!.tool.driver.rules.map((r) => r.id);
  assert.ok(ids.includes('service-no-external-ips') && ids.includes('web-replicas'), ids.join(' '));
  const show = podguard(['policies', 'show', 'service-no-external-ips'], { cwd: dir });
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /Service sets externalIPs/);
  assert.match(show.stdout, /Remove spec\.externalIPs\./);
  assert.match(show.stdout, /CVE-2020-8554/);
});

test('a wrong expression is reported when podguard.yaml is read, at its line and column', () => {
  const config = CONFIG.replace('object.spec.replicas <= 3', 'object.spec.replicas <= 3 && object.nosuch.matches("(")').replace(
    'condition: object.spec.type != "ExternalName"',
    'condition: size(object.spec.type',
  );
  const r = podguard(['scan', 'objects.yaml'], { cwd: project(config) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /podguard\.yaml:12: error: policies\[0\]\.match\.condition: column 22 of the expression: Expected RPAREN, got EOF/);
  assert.match(r.stderr, /podguard\.yaml:23: error: policies\[1\]\.validations\[0\]\.expression: column 52 of the expression: invalid matches argument/);
  // The policy that failed to compile is not "unknown" elsewhere, and is not run.
  assert.doesNotMatch(r.stderr, /unknown check/);
});

test('a CEL policy cannot take the id of a built-in check', () => {
  const config = CONFIG.replace('id: web-replicas', 'id: privileged-container');
  const r = podguard(['scan', 'objects.yaml'], { cwd: project(config) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /policies\[1\]\.id: "privileged-container" is already the id of a check or policy/);
});

test('fix reports CEL findings on objects without a pod as left open, and fails on them', () => {
  const dir = project(CONFIG);
  const r = podguard(['fix', 'objects.yaml', '-o', 'json'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout) as { files: { objects: { object: { kind: string; name: string }; remaining: { check: string; detail: string }[] }[] }[] };
  const left = doc.files.flatMap((f) => f.objects.flatMap((o) => o.remaining.map((v) => `${o.object.kind}/${o.object.name} ${v.check}: ${v.detail}`)));
  assert.ok(left.includes('Service/web service-no-external-ips: service web sets externalIPs 1.2.3.4, 5.6.7.8'), left.join('\n'));
  assert.ok(!left.some((l) => l.startsWith('Service/dev-svc') || l.startsWith('Service/ext')), 'namespace and condition still select');
});
