// End-to-end tests of issue 12, as a user on a real repository meets podguard: kustomizations and
// charts rendered with the real tools, non-Kubernetes YAML skipped and counted, nothing passing
// silently, kubectl's option conventions, typed lists, and output a person can act on.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { podguard, REPO, type ScanDoc } from '../support/cli';
import { needs, realTool, toolPath } from '../support/tools';

const FIXTURE = path.join('test', 'fixtures', 'repo');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-repos-'));
function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}
const json = (stdout: string) => JSON.parse(stdout) as ScanDoc;
const TOOLS = { PATH: toolPath('helm', 'kustomize', 'kubectl') };

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata: {name: priv, namespace: a}
spec:
  containers:
  - name: app
    image: nginx
    securityContext: {privileged: true}
`;

/** Fails only restricted checks, all of medium severity: --fail-on high ranks none of them. */
const RESTRICTED_ONLY = `apiVersion: v1
kind: Pod
metadata: {name: medium}
spec:
  containers:
  - name: app
    image: nginx
`;

describe('kustomize and Helm, rendered with the real tools', () => {
  test('an overlay with a privileged container is denied, naming the resource file and the field line', { skip: needs('kustomize') }, () => {
    const run = podguard(['scan', path.join(FIXTURE, 'overlays', 'prod'), '--preset', 'pss', '-o', 'json'], { env: TOOLS });
    assert.equal(run.code, 1, run.stderr);
    const doc = json(run.stdout);
    assert.equal(doc.results.length, 1);
    const r = doc.results[0]!;
    assert.equal(r.allowed, false);
    assert.deepEqual(r.object, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'prod-api' });
    assert.deepEqual(r.source, {
      file: path.join(FIXTURE, 'base', 'deployment.yaml'),
      document: 0,
      line: 2,
      rendered: { by: 'kustomize', from: path.join(FIXTURE, 'overlays', 'prod'), lines: 'file' },
    });
    const priv = r.violations.find((v) => v.check === 'privileged')!;
    assert.deepEqual(priv.fields, [{ path: 'spec.template.spec.containers[0].securityContext.privileged', line: 17 }]);
  });

  test('kubectl kustomize is used when kustomize is not on PATH', { skip: needs('kubectl') }, () => {
    const run = podguard(['scan', path.join(FIXTURE, 'overlays', 'prod'), '--preset', 'pss', '-o', 'json'], { env: { PATH: toolPath('kubectl') } });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(json(run.stdout).results[0]!.source.file, path.join(FIXTURE, 'base', 'deployment.yaml'));
  });

  test('a chart with a privileged container is denied, naming the template; --helm-set reaches helm', { skip: needs('helm') }, () => {
    const chart = path.join(FIXTURE, 'charts', 'web');
    const run = podguard(['scan', chart, '--preset', 'pss', '-o', 'json'], { env: TOOLS });
    assert.equal(run.code, 1, run.stderr);
    const r = json(run.stdout).results[0]!;
    assert.equal(r.source.file, path.join(chart, 'templates', 'deployment.yaml'));
    assert.deepEqual(r.source.rendered, { by: 'helm', from: chart, lines: 'output' });
    assert.ok(r.violations.some((v) => v.check === 'privileged'));
    const off = podguard(['scan', chart, '--level', 'baseline', '--preset', 'pss', '--helm-set', 'privileged=false', '-o', 'json'], { env: TOOLS });
    assert.equal(off.code, 0, off.stderr);
    assert.equal(json(off.stdout).results[0]!.allowed, true);
    const values = write('values-off.yaml', 'privileged: false\n');
    const v = podguard(['scan', chart, '--level', 'baseline', '--preset', 'pss', '--helm-values', values, '-o', 'json'], { env: TOOLS });
    assert.equal(v.code, 0, v.stderr);
  });

  test('helm template | podguard scan - names the template in text, JSON and SARIF', { skip: needs('helm') }, () => {
    const rendered = execFileSync(realTool('helm')!, ['template', path.join(FIXTURE, 'charts', 'web')], { encoding: 'utf8', cwd: REPO });
    const j = podguard(['scan', '-', '--preset', 'pss', '-o', 'json'], { input: rendered });
    assert.equal(j.code, 1);
    assert.equal(json(j.stdout).results[0]!.source.file, 'web/templates/deployment.yaml');
    const t = podguard(['scan', '-', '--preset', 'pss'], { input: rendered });
    assert.match(t.stdout, /^web\/templates\/deployment\.yaml \(helm template of <stdin>\)\n  Deployment release-name-web \(line 3 of the rendered output\)/m);
    assert.doesNotMatch(t.stdout, /^<stdin>/m);
    const s = podguard(['scan', '-', '--preset', 'pss', '-o', 'sarif'], { input: rendered });
    const loc = (
      JSON.parse(s.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region?: unknown } }[] }[] }[] }
    ).runs[0]!.results[0]!.locations[0]!.physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'web/templates/deployment.yaml');
    assert.equal(loc.region, undefined, "lines of the rendered output are not the template's");
  });

  test('no helm on PATH: one clear message per chart, the rest is scanned, exit 2', { skip: needs('kustomize') }, () => {
    const bin = path.join(tmp, 'kustomize-only');
    fs.mkdirSync(bin, { recursive: true });
    fs.symlinkSync(realTool('kustomize')!, path.join(bin, 'kustomize'));
    const run = podguard(['scan', FIXTURE, '--preset', 'pss', '-o', 'json'], { env: { PATH: `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin` } });
    assert.equal(run.code, 2);
    const doc = json(run.stdout);
    assert.deepEqual(
      doc.errors.map((e) => e.file),
      [path.join(FIXTURE, 'charts', 'web')],
    );
    assert.match(doc.errors[0]!.message, /no helm binary is on PATH/);
    assert.equal(doc.results.length, 2, 'the kustomizations are still scanned');
  });

  test('a repository root with a chart, a compose file and app config: exit 1, non-manifests counted', { skip: needs('helm', 'kustomize') }, () => {
    const run = podguard(['scan', FIXTURE, '--preset', 'pss'], { env: TOOLS });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^3 files are not Kubernetes manifests \(no apiVersion and kind\) and were skipped$/m);
    assert.match(run.stdout, /charts\/web\/templates\/deployment\.yaml/);
    const doc = json(podguard(['scan', FIXTURE, '--preset', 'pss', '-o', 'json'], { env: TOOLS }).stdout);
    assert.equal(doc.summary.errors, 0);
    assert.equal((doc.summary as { notManifests?: number }).notManifests, 3);
    assert.equal(doc.summary.denied, 3);
  });

  test('fix on an overlay writes kustomize patches; the rendered text is not edited', { skip: needs('kustomize') }, () => {
    const out = path.join(tmp, 'patches');
    const run = podguard(['fix', path.join(FIXTURE, 'overlays', 'prod'), '--unsafe', '--out', out], { env: TOOLS });
    assert.equal(run.stdout, '', 'no diff of rendered text');
    assert.match(run.stderr, /Wrote 1 patch and .*kustomization\.yaml/);
    assert.ok(fs.readdirSync(out).some((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml'));
  });

  test('audit offline reads a rendered overlay', { skip: needs('kustomize') }, () => {
    const run = podguard(['audit', path.join(FIXTURE, 'overlays', 'prod'), '-o', 'json'], { env: TOOLS });
    const doc = JSON.parse(run.stdout) as { namespaces: { name: string; workloads: unknown[] }[] };
    assert.deepEqual(
      doc.namespaces.map((n) => [n.name, n.workloads.length]),
      [['prod', 1]],
    );
  });
});

describe('non-Kubernetes YAML is not an error', () => {
  test('compose, values and CI files are counted; a broken manifest stays an error', () => {
    const dir = path.join(tmp, 'mixed');
    write('mixed/docker-compose.yml', 'services:\n  web:\n    image: nginx\n');
    write('mixed/package.json', '{"name": "x"}\n');
    write('mixed/pod.yaml', PRIVILEGED_POD);
    let run = podguard(['scan', dir, '--level', 'baseline', '-o', 'json']);
    assert.equal(run.code, 1, run.stderr);
    assert.equal((json(run.stdout).summary as { notManifests?: number }).notManifests, 2);
    write('mixed/broken.yaml', 'kind: Deployment\nmetadata: {name: x}\n');
    run = podguard(['scan', dir, '--level', 'baseline', '-o', 'json']);
    assert.equal(run.code, 2);
    assert.deepEqual(
      json(run.stdout).errors.map((e) => [path.basename(e.file), e.message]),
      [['broken.yaml', 'Deployment has no apiVersion']],
    );
  });

  test('--ignore, ignore: in podguard.yaml and .podguardignore leave files out; .git and node_modules are never walked', () => {
    const dir = path.join(tmp, 'ignored');
    write('ignored/keep/pod.yaml', PRIVILEGED_POD);
    write('ignored/vendor/pod.yaml', PRIVILEGED_POD);
    write('ignored/gen/pod.yaml', PRIVILEGED_POD);
    write('ignored/other/skip-me.yaml', PRIVILEGED_POD);
    write('ignored/.git/pod.yaml', PRIVILEGED_POD);
    write('ignored/node_modules/x/pod.yaml', PRIVILEGED_POD);
    write('ignored/.podguardignore', '# generated\ngen/\n');
    write('ignored/podguard.yaml', 'ignore: ["**/skip-*.yaml"]\n');
    const run = podguard(['scan', '.', '--level', 'baseline', '--ignore', 'vendor', '-o', 'json'], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(
      json(run.stdout).results.map((r) => r.source.file),
      [path.join('keep', 'pod.yaml')],
    );
  });
});

describe('nothing passes silently', () => {
  test('no object with a pod: a warning; --fail-if-no-objects and failIfNoObjects make it exit 2', () => {
    const f = write('quiet/config.yaml', 'server: {port: 80}\n');
    let run = podguard(['scan', f]);
    assert.equal(run.code, 0);
    assert.match(
      run.stderr,
      /^podguard: warning: no object with a pod was found in the input \(1 input, 0 objects, 1 not Kubernetes manifests\): nothing was checked$/m,
    );
    run = podguard(['scan', f, '--fail-if-no-objects']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^podguard: error: no object with a pod/m);
    write('quiet/podguard.yaml', 'failIfNoObjects: true\n');
    run = podguard(['scan', 'config.yaml'], { cwd: path.join(tmp, 'quiet') });
    assert.equal(run.code, 2);
  });

  test('--fail-on ranks policy findings but never hides a Pod Security Standards denial', () => {
    const f = write('medium.yaml', RESTRICTED_ONLY);
    const run = podguard(['scan', f, '--fail-on', 'high', '-o', 'json']);
    assert.equal(run.code, 1);
    const r = json(run.stdout).results[0]!;
    assert.equal(r.allowed, false);
    assert.ok(r.violations.filter((v) => v.standard === 'pss').every((v) => v.severity === 'medium'));
  });

  test('a version beyond the newest warns once and prints the version used everywhere', () => {
    const f = write('v99.yaml', RESTRICTED_ONLY);
    const text = podguard(['scan', f, '--pss-version', 'v1.99']);
    assert.equal(text.stderr.match(/newer than the newest podguard knows/g)?.length, 1);
    assert.match(text.stdout, /violates PodSecurity "restricted:v1\.37"/);
    assert.match(text.stdout, /Pod Security Standards restricted:v1\.37/);
    assert.doesNotMatch(text.stdout, /v1\.99/);
    assert.deepEqual(json(podguard(['scan', f, '--pss-version', 'v1.99', '-o', 'json']).stdout).profile, { level: 'restricted', version: 'v1.37' });
  });
});

describe("kubectl's conventions", () => {
  test('-o chooses the format, -f names input, --output-file writes the report', () => {
    const f = write('conv/pod.yaml', PRIVILEGED_POD);
    const out = path.join(tmp, 'conv', 'report.json');
    const run = podguard(['scan', '-f', f, '-o', 'json', '--output-file', out, '--level', 'baseline']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(json(fs.readFileSync(out, 'utf8')).results[0]!.object.name, 'priv');
    const err = podguard(['scan', '-f', 'json', f]);
    assert.equal(err.code, 2);
    assert.match(err.stderr, /-f now names input, as in kubectl .* use -o json/);
  });

  test('old long names work for one release with a deprecation warning', () => {
    const f = write('conv/old.yaml', PRIVILEGED_POD);
    const run = podguard(['scan', f, '--format', 'json', '--version', 'v1.30', '--level', 'baseline']);
    assert.equal(run.code, 1);
    assert.deepEqual(json(run.stdout).profile, { level: 'baseline', version: 'v1.30' });
    assert.match(run.stderr, /warning: --format is deprecated and will be removed in the next release: use -o\/--output/);
    assert.match(run.stderr, /warning: --version VERSION is deprecated .* use --pss-version VERSION/);
    const html = path.join(tmp, 'conv', 'audit.html');
    const a = podguard(['audit', f, '-o', html]);
    assert.match(a.stderr, /-o FILE is deprecated .* --output-file FILE/);
    assert.match(fs.readFileSync(html, 'utf8'), /^podguard audit of/, 'still the text report, now in the file');
  });

  test('-v is not version; help CMD, CMD --help and --version work', () => {
    const v = podguard(['scan', '-v', 'x']);
    assert.equal(v.code, 2);
    assert.match(v.stderr, /-v is not a podguard option \(it is not "version"\)/);
    const version = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    for (const args of [['--version'], ['version'], ['scan', '--version']]) {
      const r = podguard(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.equal(r.stdout, `podguard ${version}\n`);
    }
    assert.equal(podguard(['help', 'scan']).stdout, podguard(['scan', '--help']).stdout);
  });

  test('--help of every command shows the new flags', () => {
    const expect: Record<string, RegExp[]> = {
      scan: [
        /-o, --output FORMAT/,
        /--output-file FILE/,
        /-f, --filename PATH/,
        /--ignore PATTERN/,
        /--helm-values FILE/,
        /--helm-set K=V/,
        /--fail-if-no-objects/,
        /--pss-version/,
        /html/,
      ],
      fix: [/-o, --output FORMAT/, /--output-file FILE/, /-f, --filename PATH/, /--ignore PATTERN/, /--helm-set/, /--fail-if-no-objects/, /--pss-version/],
      audit: [/-o, --output FORMAT/, /--output-file FILE/, /-f, --filename PATH/, /--ignore PATTERN/, /--helm-values/, /--fail-if-no-objects/],
      exceptions: [/-o, --output FORMAT/, /--output-file FILE/, /-f, --filename PATH/, /--ignore PATTERN/],
      policies: [/-o, --output FORMAT/, /--output-file FILE/, /policies show ID/],
      serve: [/Default: none, only the Pod Security Standards run/],
    };
    for (const [cmd, patterns] of Object.entries(expect)) {
      const help = podguard([cmd, '--help']).stdout;
      for (const p of patterns) assert.match(help, p, `${cmd} --help: ${p}`);
      assert.doesNotMatch(help, /-v, --version/, `${cmd} --help`);
    }
  });
});

describe('typed lists from the API', () => {
  test('PodList and DeploymentList items carry no kind and are read, lines kept', () => {
    const list = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'PodList',
        metadata: { resourceVersion: '1' },
        items: [{ metadata: { name: 'p', namespace: 'n' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x' }] } }],
      },
      null,
      2,
    );
    const run = podguard(['scan', '-', '--level', 'baseline', '--preset', 'pss', '-o', 'json'], { input: list });
    assert.equal(run.code, 1, run.stderr);
    const r = json(run.stdout).results[0]!;
    assert.deepEqual(r.object, { apiVersion: 'v1', kind: 'Pod', namespace: 'n', name: 'p' });
    assert.deepEqual(r.violations[0]!.fields, [{ path: 'spec.hostNetwork', line: 14 }]);
    const deployments = `apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- metadata: {name: d}\n  spec:\n    template:\n      spec:\n        hostPID: true\n        containers: [{name: c, image: x}]\n`;
    const d = json(podguard(['scan', '-', '--level', 'baseline', '--preset', 'pss', '-o', 'json'], { input: deployments }).stdout);
    assert.equal(d.results[0]!.object.kind, 'Deployment');
    assert.deepEqual(d.results[0]!.violations[0]!.fields, [{ path: 'spec.template.spec.hostPID', line: 8 }]);
  });
});

describe('output a person can act on', () => {
  test('policies show ID prints rationale, remediation, references and a page that exists', () => {
    const run = podguard(['policies', 'show', 'host-pid']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^host-pid — /);
    assert.match(run.stdout, /Why it matters\n/);
    assert.match(run.stdout, /How to fix it\n/);
    assert.match(run.stdout, /References\n  - .*: https:\/\//);
    const page = /More: (\S+)/.exec(run.stdout)![1]!;
    assert.ok(fs.existsSync(page), page);
    assert.equal(podguard(['policies', 'show', 'nope']).code, 2);
  });

  test('the docs that help texts point to exist in the package', () => {
    const files = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { files: string[] }).files;
    assert.ok(files.includes('docs'));
    for (const cmd of ['scan', 'fix', 'audit', 'serve', 'policies', 'exceptions', 'certs']) {
      for (const m of podguard([cmd, '--help']).stdout.matchAll(/(?:^|[\s(])((?:\/\S+\/)?docs\/[\w/.-]+\.md)/g)) {
        const p = m[1]!.startsWith('/') ? m[1]! : path.join(REPO, m[1]!);
        assert.ok(fs.existsSync(p), `${cmd} --help names ${m[1]}`);
      }
    }
  });

  test('audit text names the policy findings', () => {
    const f = write(
      'audit-policies.yaml',
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n${PRIVILEGED_POD.replace('namespace: a', 'namespace: shop').replace('spec:\n', 'spec:\n  hostPID: true\n')}`,
    );
    const run = podguard(['audit', f]);
    assert.match(run.stdout, /Hardening policy findings .*\n  shop\/Pod priv: node-escape-privileged-host-pid \(critical\)/);
  });

  test('fix without --write reports the lines of the file as it is', () => {
    const f = write(
      'fixlines.yaml',
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: x\n  - name: b\n    image: y\n    securityContext:\n      privileged: true\n`,
    );
    const run = podguard(['fix', f, '--preset', 'pss']);
    assert.match(run.stdout, /^\+/m, 'a diff was printed: safe fixes insert lines above the privileged one');
    assert.match(run.stderr, /left\s+privileged\s+container "b" must not set securityContext\.privileged=true \(line 11\)\n/);
    const ok = podguard(['fix', f, '--preset', 'pss', '-o', 'json']);
    const doc = JSON.parse(ok.stdout) as { files: { objects: { remaining: { check: string; fields: { line?: number }[] }[] }[] }[] };
    const privileged = doc.files[0]!.objects[0]!.remaining.find((r) => r.check === 'privileged')!;
    assert.equal(privileged.fields[0]!.line, 11, 'line 11 in the file as it is, not where the fixed file would have it');
  });

  test('an exception scoped to a container covers the volume it mounts; lint reports one matching nothing', () => {
    const dir = path.join(tmp, 'exc');
    write(
      'exc/podguard.yaml',
      `level: baseline\npreset: pss\nexceptions:\n- id: agent-logs\n  container: agent\n  checks: [hostPathVolumes]\n  justification: reads node logs (SEC-9)\n- id: stale\n  name: gone\n  checks: [hostPathVolumes]\n  justification: an old app\n`,
    );
    write(
      'exc/pod.yaml',
      `apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  volumes:\n  - name: logs\n    hostPath: {path: /var/log}\n  containers:\n  - name: agent\n    image: x\n    volumeMounts: [{name: logs, mountPath: /logs}]\n`,
    );
    const run = podguard(['scan', 'pod.yaml', '-o', 'json'], { cwd: dir });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(json(run.stdout).results[0]!.violations[0]!.exception?.id, 'agent-logs');
    const lint = podguard(['exceptions', 'lint', 'pod.yaml'], { cwd: dir });
    assert.equal(lint.code, 1);
    assert.match(lint.stdout, /podguard\.yaml:8: unused: exception stale matches nothing/);
    assert.doesNotMatch(lint.stdout, /agent-logs/);
    const none = podguard(['exceptions', 'lint', write('exc-none/app.yaml', 'a: 1\n')], { cwd: dir });
    assert.match(none.stdout, /exception agent-logs matches nothing/, 'manifests given but no pods: still reported');
  });
});
