// The real kustomize and Helm (built by `npm run tools`) render manifests that podguard scans
// from stdin, as the README tells users to: `kustomize build | podguard scan -`,
// `helm template | podguard scan -`.

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../kubernetes-support/processes';
import { tempDir } from '../support/temp-dir';
import { PODGUARD, REPO, missingTools, toolPath } from '../kubernetes-support/tools';

const skip = missingTools('kustomize', 'helm');
// A skipped describe() is not counted in the summary line; this test is, so a run without the
// tools says how much it skipped.
if (skip) test('kustomize and Helm output scanned by podguard', { skip }, () => undefined);

async function scanStdin(manifests: string, args: string[]): Promise<any> {
  const r = await run(process.execPath, [PODGUARD, 'scan', '-', '-o', 'json', ...args], { input: manifests });
  assert.ok(r.code === 0 || r.code === 1, `podguard scan exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('kustomize and Helm output scanned by podguard', { skip }, () => {
  test('kustomize build deploy/ | podguard scan - : the webhook deployment passes restricted', async () => {
    const built = await run(toolPath('kustomize'), ['build', path.join(REPO, 'deploy')]);
    assert.equal(built.code, 0, built.stderr);
    const scan = await scanStdin(built.stdout, ['--preset', 'pss']);
    const deployment = scan.results.find((r: any) => r.object.kind === 'Deployment');
    assert.ok(deployment, 'the Deployment is found in the rendered output');
    assert.equal(deployment.allowed, true, JSON.stringify(deployment.violations));
    assert.deepEqual(scan.errors, []);
  });

  test('helm create + helm template | podguard scan - : the default chart is judged at restricted', async () => {
    const dir = tempDir('podguard-helm-');
    const env = {
      ...process.env,
      HOME: dir,
      HELM_CACHE_HOME: path.join(dir, 'cache'),
      HELM_CONFIG_HOME: path.join(dir, 'config'),
      HELM_DATA_HOME: path.join(dir, 'data'),
    };
    const created = await run(toolPath('helm'), ['create', path.join(dir, 'demo')], { env });
    assert.equal(created.code, 0, created.stderr);
    const rendered = await run(toolPath('helm'), ['template', 'demo', path.join(dir, 'demo'), '--namespace', 'shop'], { env });
    assert.equal(rendered.code, 0, rendered.stderr);
    const scan = await scanStdin(rendered.stdout, ['--preset', 'pss']);
    const deployment = scan.results.find((r: any) => r.object.kind === 'Deployment');
    assert.ok(deployment, 'the chart renders a Deployment');
    // helm create's chart sets no securityContext: restricted denies it, baseline allows it.
    assert.equal(deployment.allowed, false);
    assert.ok(deployment.violations.some((v: any) => v.check === 'allowPrivilegeEscalation'));
    const baseline = await scanStdin(rendered.stdout, ['--preset', 'pss', '--level', 'baseline']);
    assert.equal(baseline.results.find((r: any) => r.object.kind === 'Deployment').allowed, true);
  });
});
