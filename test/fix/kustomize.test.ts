// `podguard fix --emit kustomize-patch` against the real `kubectl kustomize`: the component it
// writes, added to a kustomization, must make the rendered objects pass, without touching inputs.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { podguard } from '../support/cli';

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const skip = kubectl.status !== 0 && 'kubectl is not installed: the kustomize patch path is not tested';

const INPUTS: Record<string, string> = {
  'web.yaml': `# upstream bundle, do not edit
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web.v2
  namespace: shop
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
        securityContext: {privileged: true}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`,
  'jobs.json': JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'backup', namespace: 'data' },
          spec: {
            schedule: '0 2 * * *',
            jobTemplate: {
              spec: {
                template: {
                  spec: {
                    restartPolicy: 'OnFailure',
                    securityContext: { runAsUser: 0 },
                    containers: [{ name: 'b', image: 'backup:1', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }],
                  },
                },
              },
            },
          },
        },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' }, spec: { hostPID: true, containers: [{ name: 'sh', image: 'busybox' }] } },
      ],
    },
    null,
    2,
  ),
};

function kustomize(dir: string): { code: number | null; stdout: string; stderr: string } {
  const p = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

test('the component makes every rendered object pass, and the inputs stay as they were', { skip }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-kustomize-'));
  for (const [name, text] of Object.entries(INPUTS)) fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n- web.yaml\n- jobs.json\ncomponents:\n- podguard-patches\n');

  const before = kustomize(dir);
  assert.notEqual(before.code, 0, 'without the component directory kustomize fails');

  const run = podguard(['fix', '--unsafe', '--emit', 'kustomize-patch', '--out', 'podguard-patches', 'web.yaml', 'jobs.json'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  for (const [name, text] of Object.entries(INPUTS)) assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), text, `${name} untouched`);
  const written = fs.readdirSync(path.join(dir, 'podguard-patches')).sort();
  assert.deepEqual(written, ['cronjob-data-backup.yaml', 'deployment-shop-web.v2.yaml', 'kustomization.yaml', 'pod-debug.yaml']);

  const rendered = kustomize(dir);
  assert.equal(rendered.code, 0, rendered.stderr);
  const scan = podguard(['scan', '-o', 'json', '-'], { input: rendered.stdout });
  const doc = JSON.parse(scan.stdout) as { results: { object: { name: string }; violations: unknown[] }[]; summary: { evaluated: number } };
  assert.equal(doc.summary.evaluated, 3);
  assert.deepEqual(
    doc.results.filter((r) => r.violations.length > 0),
    [],
  );
  assert.equal(scan.code, 0);

  // Running again rewrites the component with the same content.
  const first = fs.readFileSync(path.join(dir, 'podguard-patches', 'deployment-shop-web.v2.yaml'), 'utf8');
  assert.equal(podguard(['fix', '--unsafe', '--emit', 'kustomize-patch', '--out', 'podguard-patches', 'web.yaml', 'jobs.json'], { cwd: dir }).code, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'podguard-patches', 'deployment-shop-web.v2.yaml'), 'utf8'), first);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a directory holding a kustomization podguard did not write is refused (exit 2), untouched', { skip }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-kustomize-'));
  fs.writeFileSync(path.join(dir, 'web.yaml'), INPUTS['web.yaml']!);
  fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n- web.yaml\n');
  const run = podguard(['fix', '--emit', 'kustomize-patch', '--out', '.', 'web.yaml'], { cwd: dir });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /kustomization\.yaml exists and was not written by podguard; choose another --out directory/);
  assert.equal(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'), 'resources:\n- web.yaml\n');
  fs.rmSync(dir, { recursive: true, force: true });
});
