// End-to-end tests of `podguard audit` against a local server that answers like a Kubernetes API
// server: paged lists with continue tokens, an expired token (410), a namespace the auditor may
// not read (403), a slow page, a transient 503, a reset connection, token authentication, HTTPS,
// and server-side apply of PolicyReports. The CLI runs as a child process, as a user runs it.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import yaml from 'js-yaml';
import type { AuditSummary, NamespaceAudit } from '../../src/audit/model';
import { FakeApiServer, StaticCluster, type Faults } from './fake-apiserver';
import { EXPECTED, sampleCluster, SECRET_FORBIDDEN } from './fixtures';
import { selfSignedCertificate } from './self-signed';
import { BIN } from '../support/cli';
import { podguardAsync, tempDir, writeFile } from './support';

interface AuditDoc {
  schemaVersion: number;
  kind: string;
  target: { source: string; server: string; context: string; serverVersion: string };
  namespaces: NamespaceAudit[];
  errors: { message: string }[];
  summary: AuditSummary;
}

const TOKEN = 'audit-token-1';
const dir = tempDir('podguard-audit-e2e-');

async function serve(
  faults: Faults = {},
  extra: { token?: string; policyReports?: boolean; tls?: { key: string; cert: string } } = {},
): Promise<{ srv: FakeApiServer; kubeconfig: string }> {
  const srv = await new FakeApiServer(new StaticCluster(sampleCluster()), { token: TOKEN, ...extra, faults, gitVersion: 'v1.32.4' }).start();
  const kubeconfig = writeFile(dir, `kubeconfig-${srv.port}`, srv.kubeconfig());
  return { srv, kubeconfig };
}

function parse(stdout: string): AuditDoc {
  try {
    return JSON.parse(stdout) as AuditDoc;
  } catch {
    throw new Error(`stdout is not one JSON document:\n${stdout.slice(0, 500)}`);
  }
}

describe('audit a simulated cluster: paging, expired continue tokens, 403, slow and failing pages', () => {
  let srv: FakeApiServer;
  let doc: AuditDoc;
  let run: Awaited<ReturnType<typeof podguardAsync>>;
  before(async () => {
    const s = await serve({
      forbidden: SECRET_FORBIDDEN,
      expireContinueOnce: ['/api/v1/namespaces/shop/pods'],
      slow: [{ path: '/apis/batch/v1/namespaces/batch/jobs', delayMs: 400, times: 1 }],
      fail: [{ path: '/apis/batch/v1/namespaces/batch/cronjobs', status: 503, times: 1, retryAfter: 0 }],
      reset: [{ path: '/api/v1/namespaces/ready/pods', times: 1 }],
    });
    srv = s.srv;
    run = await podguardAsync(['audit', '--kubeconfig', s.kubeconfig, '-o', 'json', '--chunk-size', '2']);
    doc = parse(run.stdout);
  });
  after(() => srv.stop());

  test('every namespace, in name order, with the labels, verdicts and counts worked out by hand', () => {
    assert.equal(doc.kind, 'PodguardAudit');
    assert.equal(doc.target.serverVersion, 'v1.32.4');
    assert.deepEqual(
      doc.namespaces.map((n) => n.name),
      Object.keys(EXPECTED).sort(),
    );
    for (const ns of doc.namespaces) {
      const want = EXPECTED[ns.name]!;
      const { enforce, audit: _a, warn: _w, ...failing } = ns.counts.failing;
      assert.deepEqual(
        {
          enforce: `${ns.policy.enforce.level}:${ns.policy.enforce.version}`,
          meets: ns.meets,
          workloads: ns.counts.workloads,
          pods: ns.counts.pods,
          failing: { enforce, ...failing },
        },
        want,
        `namespace ${ns.name}`,
      );
      assert.equal(ns.evaluatedVersion, ns.name === 'secure' ? 'v1.30' : 'v1.32', `${ns.name}: latest means the API server's version`);
    }
  });

  test('pods are folded into their controllers: one finding per broken Deployment, CronJob or Rollout', () => {
    const shop = doc.namespaces.find((n) => n.name === 'shop')!;
    assert.deepEqual(shop.workloads.map((w) => `${w.object.kind}/${w.object.name}:${w.pods}`).sort(), [
      'Deployment/api:0',
      'Deployment/cart:1',
      'Deployment/web:3',
    ]);
    const batch = doc.namespaces.find((n) => n.name === 'batch')!;
    assert.deepEqual(batch.workloads.map((w) => `${w.object.kind}/${w.object.name}`).sort(), ['CronJob/nightly', 'Pod/debug']);
    const rollouts = doc.namespaces.find((n) => n.name === 'rollouts')!;
    assert.equal(rollouts.workloads[0]!.object.kind, 'Rollout');
    assert.equal(rollouts.workloads[0]!.ownerNotListed, true);
  });

  test('the forbidden namespace is reported, not fatal; the exit code says something could not be read', () => {
    const secret = doc.namespaces.find((n) => n.name === 'secret')!;
    assert.equal(secret.complete, false);
    assert.equal(secret.errors.length, 1);
    assert.match(secret.errors[0]!.message, /^forbidden to list any workload in it \(pods is forbidden: User "auditor" cannot list resource "pods"/);
    assert.equal(run.code, 2);
    assert.equal(doc.summary.errors, 1);
    assert.equal(doc.summary.incomplete, 1);
    assert.equal(run.stderr, '', 'JSON output keeps stderr quiet (no progress bar off a terminal)');
  });

  test('the expired continue token restarted the shop pod list from its first page', () => {
    const shopPods = srv.requests.filter((r) => r.path === '/api/v1/namespaces/shop/pods');
    assert.deepEqual(
      shopPods.map((r) => [r.status, r.query['continue'] === undefined ? 'first' : 'continued']),
      [
        [200, 'first'],
        [410, 'continued'],
        [200, 'first'],
        [200, 'continued'],
      ],
    );
    assert.equal(doc.namespaces.find((n) => n.name === 'shop')!.counts.pods, 4, 'no pod lost or counted twice');
  });

  test('a 503 and a reset connection were retried; every list asked for pages of the chunk size', () => {
    assert.deepEqual(
      srv.requests.filter((r) => r.path === '/apis/batch/v1/namespaces/batch/cronjobs').map((r) => r.status),
      [503, 200],
    );
    assert.deepEqual(
      srv.requests.filter((r) => r.path === '/api/v1/namespaces/ready/pods').map((r) => r.status),
      [0, 200],
    );
    const lists = srv.requests.filter((r) => r.path.includes('/namespaces/') || r.path === '/api/v1/namespaces');
    assert.ok(
      lists.every((r) => r.query['limit'] === '2'),
      'limit=2 on every list request',
    );
  });

  test('the summary adds up', () => {
    const s = doc.summary;
    assert.equal(s.namespaces, 8);
    assert.equal(s.failingEnforce, 3);
    assert.equal(
      s.workloads,
      Object.values(EXPECTED).reduce((a, e) => a + e.workloads, 0),
    );
    assert.equal(
      s.pods,
      Object.values(EXPECTED).reduce((a, e) => a + e.pods, 0),
    );
    assert.deepEqual(s.meets, { privileged: 3, baseline: 2, restricted: 2 });
    assert.equal(s.canTighten, 2);
  });
});

describe('audit: text output, namespaces and exit codes', () => {
  let srv: FakeApiServer;
  let kubeconfig: string;
  before(async () => ({ srv, kubeconfig } = await serve({ forbidden: SECRET_FORBIDDEN })));
  after(() => srv.stop());

  test('the table has a row per namespace; violations quote Pod Security Admission; exit 1', async () => {
    const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-n', 'shop,secure', '--preset', 'pss']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('NAMESPACE'))!;
    assert.match(header, /^NAMESPACE\s+ENFORCE\s+MEETS NOW\s+WORKLOADS\s+PODS\s+FAIL ENFORCE\s+FAIL BASELINE\s+FAIL RESTRICTED\s+NOTES$/);
    assert.match(
      lines.find((l) => l.startsWith('secure'))!,
      /^secure\s+restricted:v1\.30\s+restricted\s+1\s+2\s+0\s+0\s+0$/,
    );
    assert.match(
      lines.find((l) => l.startsWith('shop'))!,
      /^shop\s+baseline:latest\s+privileged\s+3\s+4\s+2\s+2\s+2$/,
    );
    assert.ok(r.stdout.includes('    violates PodSecurity "baseline:latest": privileged (container "web" must not set securityContext.privileged=true)\n'));
    assert.ok(r.stdout.includes('  shop → baseline: 2 workloads\n'));
  });

  test('a namespace whose workloads all meet what it enforces: exit 0', async () => {
    const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-n', 'secure', '-n', 'ready']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ready\s+privileged:latest\s+restricted\s+1\s+2\s+0\s+0\s+0\s+(\d+\s+)?could enforce restricted/);
  });

  test(
    'on a terminal, a progress bar is drawn on stderr and erased before the report',
    { skip: spawnSync('script', ['--version']).status === 0 ? false : 'no script(1) to provide a terminal' },
    async () => {
      const command = [process.execPath, BIN, 'audit', '--kubeconfig', kubeconfig, '-n', 'shop,secure,ready'].map((a) => `'${a}'`).join(' ');
      const out = await new Promise<string>((resolve, reject) => {
        // script(1) runs the command on a pseudo-terminal, as a user at a shell would.
        const p = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' } });
        let text = '';
        p.stdout.on('data', (c: Buffer) => (text += c.toString()));
        p.on('error', reject);
        p.on('close', () => resolve(text));
      });
      assert.match(out, /\r\x1b\[Kauditing [█░]{24} \d\/3 namespaces · [\d,]+ objects · 0:\d\d/);
      assert.match(out, /auditing █{24} 3\/3 namespaces/);
      const erased = out.lastIndexOf('\r\x1b[K');
      assert.ok(erased >= 0 && erased < out.indexOf('NAMESPACE'), 'the bar is gone before the table');
    },
  );

  test('a namespace that does not exist is an error naming it', async () => {
    const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-n', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /namespace "nope" does not exist/);
  });

  test('the wrong token: one clear line, no stack trace, exit 2', async () => {
    const bad = writeFile(dir, 'bad-token', fs.readFileSync(kubeconfig, 'utf8').replace(TOKEN, 'wrong'));
    const r = await podguardAsync(['audit', '--kubeconfig', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot list namespaces: Unauthorized/);
    assert.doesNotMatch(r.stderr, /\n[ \t]+at /);
  });

  test('usage errors: unknown context, missing kubeconfig, bad options', async () => {
    let r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '--context', 'prod']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'podguard: no context "prod" in the kubeconfig (it has: fake)\n');
    r = await podguardAsync(['audit'], { env: { HOME: dir, KUBECONFIG: undefined } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^podguard: no kubeconfig found .*podguard audit -/);
    r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '--chunk-size', '0']);
    assert.equal(r.stderr, 'podguard: --chunk-size must be a whole number of at least 1 (got "0")\n');
    r = await podguardAsync(['audit', '-', '--context', 'x']);
    assert.equal(r.stderr, 'podguard: --context is for auditing a cluster; it cannot be used with input files\n');
  });
});

describe('audit: what a cluster may refuse or delay', () => {
  test('namespaces may not be listed: the error says to name them with -n', async () => {
    const { srv, kubeconfig } = await serve({ forbidden: [{ namespace: '', resource: 'namespaces' }] });
    try {
      const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-o', 'json']);
      assert.equal(r.code, 2);
      const doc = parse(r.stdout);
      assert.equal(doc.namespaces.length, 0);
      assert.match(doc.errors[0]!.message, /^cannot list namespaces: namespaces is forbidden: .* \(name the namespaces to audit with -n\)$/);
      // With -n the same user audits what it may read.
      const named = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-n', 'secure', '-o', 'json']);
      assert.equal(named.code, 0, named.stderr);
      assert.equal(parse(named.stdout).namespaces[0]!.meets, 'restricted');
    } finally {
      await srv.stop();
    }
  });

  test('a page slower than --request-timeout is retried and the audit completes', async () => {
    const { srv, kubeconfig } = await serve({ slow: [{ path: '/api/v1/namespaces/secure/pods', delayMs: 1500, times: 1 }] });
    try {
      const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-n', 'secure', '--request-timeout', '0.5', '-o', 'json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(parse(r.stdout).namespaces[0]!.counts.pods, 2);
      assert.equal(srv.received.filter((x) => x.path === '/api/v1/namespaces/secure/pods').length, 2, 'the slow page was asked for again');
    } finally {
      await srv.stop();
    }
  });

  test('an unreachable server: one line naming it, exit 2', async () => {
    const { srv, kubeconfig } = await serve();
    await srv.stop();
    const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '--retries', '0']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    assert.doesNotMatch(r.stderr, /\n[ \t]+at /);
  });

  test('HTTPS with the cluster CA from the kubeconfig', async () => {
    const { srv, kubeconfig } = await serve({}, { tls: selfSignedCertificate() });
    try {
      assert.ok(srv.url.startsWith('https://'));
      const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-n', 'secure', '-o', 'json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(parse(r.stdout).target.server, srv.url);
    } finally {
      await srv.stop();
    }
  });
});

describe('audit: PodSecurityConfiguration, PolicyReports and --output', () => {
  test("a PodSecurityConfiguration's defaults apply to unlabelled namespaces and its exemptions are honoured", async () => {
    const { srv, kubeconfig } = await serve();
    try {
      const config = writeFile(
        dir,
        'psa.yaml',
        'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: baseline\nexemptions:\n  namespaces: [kube-system]\n',
      );
      const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-n', 'batch,kube-system', '--config', config, '-o', 'json']);
      const doc = parse(r.stdout);
      const batch = doc.namespaces.find((n) => n.name === 'batch')!;
      assert.deepEqual(batch.policy.enforce, { level: 'baseline', version: 'latest' });
      assert.equal(batch.counts.failing.enforce, 1, 'the hostPath CronJob now violates the enforced default');
      const ks = doc.namespaces.find((n) => n.name === 'kube-system')!;
      assert.equal(ks.exempt, true);
      assert.equal(ks.counts.failing.enforce, 0);
      assert.equal(r.code, 1);
    } finally {
      await srv.stop();
    }
  });

  test('--format policyreport prints PolicyReports and a ClusterPolicyReport kubectl can apply', async () => {
    const { srv, kubeconfig } = await serve();
    try {
      const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-n', 'shop,ready', '-o', 'policyreport', '--preset', 'pss']);
      const docs = yaml.loadAll(r.stdout) as {
        kind: string;
        apiVersion: string;
        metadata: { name: string; namespace?: string };
        results: { result: string; policy: string; rule?: string }[];
        summary: Record<string, number>;
      }[];
      assert.deepEqual(
        docs.map((d) => `${d.kind}/${d.metadata.namespace ?? ''}/${d.metadata.name}`),
        ['PolicyReport/ready/podguard', 'PolicyReport/shop/podguard', 'ClusterPolicyReport//podguard-namespaces'],
      );
      assert.ok(docs.every((d) => d.apiVersion === 'wgpolicyk8s.io/v1alpha2'));
      const shop = docs[1]!;
      const fails = shop.results.filter((x) => x.result === 'fail').map((x) => `${x.policy}/${x.rule}`);
      assert.deepEqual(fails.sort(), ['pod-security-baseline/capabilities_baseline', 'pod-security-baseline/privileged']);
      assert.equal(shop.summary['fail'], 2);
      const cluster = docs[2]!;
      assert.deepEqual(
        cluster.results.map((x) => x.result),
        ['warn', 'fail'],
      ); // ready could tighten; shop breaks its level
    } finally {
      await srv.stop();
    }
  });

  test('--apply-reports server-side applies every report; without the CRDs it says so once', async () => {
    const { srv, kubeconfig } = await serve({}, { policyReports: true });
    try {
      const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-n', 'shop,secure', '--apply-reports', '-o', 'json']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /applied 3 policy reports/);
      assert.deepEqual([...srv.applied.keys()].sort(), [
        '/apis/wgpolicyk8s.io/v1alpha2/clusterpolicyreports/podguard-namespaces',
        '/apis/wgpolicyk8s.io/v1alpha2/namespaces/secure/policyreports/podguard',
        '/apis/wgpolicyk8s.io/v1alpha2/namespaces/shop/policyreports/podguard',
      ]);
      for (const a of srv.applied.values()) {
        assert.equal(a.contentType, 'application/apply-patch+yaml');
        assert.deepEqual(a.query, { fieldManager: 'podguard', force: 'true' });
      }
      const shop = srv.applied.get('/apis/wgpolicyk8s.io/v1alpha2/namespaces/shop/policyreports/podguard')!.body as {
        metadata: { namespace: string };
        summary: { fail: number };
      };
      assert.equal(shop.metadata.namespace, 'shop');
      assert.ok(shop.summary.fail >= 2);
    } finally {
      await srv.stop();
    }
    const { srv: bare, kubeconfig: kc2 } = await serve({}, { policyReports: false });
    try {
      const r = await podguardAsync(['audit', '--kubeconfig', kc2, '-n', 'shop,secure', '--apply-reports', '-o', 'json']);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.match(/CRDs are not installed/g)?.length, 1, r.stderr);
    } finally {
      await bare.stop();
    }
  });

  test('--output writes the report to a file, replacing it whole', async () => {
    const { srv, kubeconfig } = await serve();
    try {
      const out = path.join(dir, 'audit.html');
      fs.writeFileSync(out, 'old');
      const r = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-o', 'html', '--output-file', out]);
      assert.equal(r.stdout, '');
      const html = fs.readFileSync(out, 'utf8');
      assert.ok(html.startsWith('<!DOCTYPE html>'));
      assert.ok(html.includes('podguard audit'));
      assert.deepEqual(
        fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
        [],
        'no temporary file left behind',
      );
    } finally {
      await srv.stop();
    }
  });
});
