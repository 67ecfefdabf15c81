// The audit's HTML report in real headless Chromium (Debian's chromium, driven by playwright-core):
// it loads with no console errors and no network request, its charts show the numbers of the
// JSON report of the same cluster, the table filters and sorts, and a screenshot is saved.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { riskScore } from '../../src/audit/audit-namespace';
import type { NamespaceAudit } from '../../src/audit/model';
import { FakeApiServer, StaticCluster } from './fake-apiserver';
import { sampleCluster, SECRET_FORBIDDEN } from './fixtures';
import { podguardAsync, tempDir, writeFile } from './support';

const CHROMIUM = process.env['PODGUARD_CHROMIUM'] ?? '/usr/bin/chromium';
const SKIP = fs.existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set PODGUARD_CHROMIUM)`;
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What the charts must show, computed from the JSON report independently of the HTML code. */
function expectedCharts(namespaces: NamespaceAudit[]) {
  const compliance = new Map<string, number[]>();
  const checks = new Map<string, number>();
  let top = { label: '', value: -1 };
  for (const ns of namespaces) {
    const counts = [0, 0, 0];
    for (const w of ns.workloads) {
      counts[w.meets === 'restricted' ? 0 : w.meets === 'baseline' ? 1 : 2]!++;
      const ids = new Set(
        [...w.levels.baseline.violations, ...w.levels.restricted.violations, ...w.policies.filter((p) => p.exception?.status !== 'applied')].map(
          (v) => v.check,
        ),
      );
      for (const id of ids) checks.set(id, (checks.get(id) ?? 0) + 1);
      const score = riskScore(w);
      const label = `${ns.name}/${w.object.kind}/${w.object.name}`;
      if (score > top.value || (score === top.value && label < top.label)) top = { label, value: score };
    }
    compliance.set(ns.name, counts);
  }
  return { compliance, checks, top };
}

describe('the audit HTML report in headless Chromium', { skip: SKIP }, () => {
  const dir = tempDir('podguard-html-');
  let srv: FakeApiServer;
  let context: BrowserContext;
  let page: Page;
  let namespaces: NamespaceAudit[];
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const htmlFile = path.join(dir, 'audit.html');

  before(async () => {
    srv = await new FakeApiServer(new StaticCluster(sampleCluster()), { faults: { forbidden: SECRET_FORBIDDEN } }).start();
    const kubeconfig = writeFile(dir, 'kubeconfig', srv.kubeconfig());
    const json = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-o', 'json']);
    namespaces = (JSON.parse(json.stdout) as { namespaces: NamespaceAudit[] }).namespaces;
    const html = await podguardAsync(['audit', '--kubeconfig', kubeconfig, '-o', 'html', '--output-file', htmlFile]);
    assert.equal(html.code, 2, html.stderr); // `secret` cannot be read
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${htmlFile}`);
    await page.waitForSelector('#findings tbody tr');
  });
  after(async () => {
    await context?.close();
    await srv?.stop();
  });

  test('renders without console errors and requests nothing but itself', () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(requests, [`file://${htmlFile}`]);
  });

  test('the compliance chart shows, per namespace, the workloads meeting each level', async () => {
    const rows = await page.$$eval('svg[data-chart="compliance"] g.row', (gs) =>
      gs.map((g) => ({
        label: g.getAttribute('data-label'),
        segments: Object.fromEntries([...g.querySelectorAll('rect')].map((r) => [r.getAttribute('data-segment'), Number(r.getAttribute('data-value'))])),
      })),
    );
    const { compliance } = expectedCharts(namespaces);
    assert.equal(rows.length, compliance.size);
    for (const row of rows) {
      const [restricted, baseline, privileged] = compliance.get(row.label!)!;
      const want: Record<string, number> = {};
      if (restricted) want['meet restricted'] = restricted;
      if (baseline) want['meet baseline only'] = baseline;
      if (privileged) want['fail baseline'] = privileged;
      assert.deepEqual(row.segments, want, `namespace ${row.label}`);
    }
  });

  test('the violations-by-check chart counts the workloads affected by each check, and its labels say so', async () => {
    const bars = await page.$$eval('svg[data-chart="checks"] g[data-label]', (gs) =>
      gs.map((g) => ({ check: g.getAttribute('data-label')!, value: Number(g.getAttribute('data-value')), shown: g.querySelector('text.value')!.textContent })),
    );
    const { checks } = expectedCharts(namespaces);
    assert.equal(bars.length, checks.size);
    for (const b of bars) {
      assert.equal(b.value, checks.get(b.check), b.check);
      assert.equal(b.shown, String(checks.get(b.check)));
    }
    const values = bars.map((b) => b.value);
    assert.deepEqual(
      values,
      [...values].sort((a, b) => b - a),
      'largest first',
    );
  });

  test('the riskiest workload leads its chart', async () => {
    const first = await page.$eval('svg[data-chart="riskiest"] g[data-label]', (g) => ({
      label: g.getAttribute('data-label'),
      value: Number(g.getAttribute('data-value')),
    }));
    assert.deepEqual(first, expectedCharts(namespaces).top);
  });

  test('filters narrow the table: by check, by text, by clicking a chart bar; headers sort', async () => {
    const total = await page.$$eval('#findings tbody tr', (trs) => trs.length);
    assert.match((await page.textContent('#count'))!, new RegExp(`^${total} of ${total} findings$`));

    await page.selectOption('#f-check', 'privileged');
    const privileged = await page.$$eval('#findings tbody tr', (trs) => trs.map((tr) => tr.children[2]!.textContent));
    const withPrivileged = namespaces.flatMap((n) => n.workloads).filter((w) => w.levels.baseline.violations.some((v) => v.check === 'privileged')).length;
    assert.equal(privileged.length, withPrivileged);
    assert.ok(privileged.every((c) => c === 'privileged'));
    await page.selectOption('#f-check', '');

    await page.fill('#filter', 'kube-system');
    const ks = await page.$$eval('#findings tbody tr', (trs) => trs.map((tr) => tr.children[0]!.textContent));
    assert.ok(ks.length > 0 && ks.every((n) => n === 'kube-system'));
    await page.fill('#filter', '');

    await page.click('svg[data-chart="checks"] g[data-filter-check="hostPathVolumes"]');
    assert.equal(await page.inputValue('#f-check'), 'hostPathVolumes');
    const hostPath = await page.$$eval('#findings tbody tr', (trs) => trs.map((tr) => tr.children[1]!.textContent));
    assert.deepEqual(hostPath, ['CronJob/nightly']);
    await page.selectOption('#f-check', '');

    await page.click('#findings th:nth-child(1)');
    const sorted = await page.$$eval('#findings tbody tr', (trs) => trs.map((tr) => tr.children[0]!.textContent!));
    assert.deepEqual(sorted, [...sorted].sort());
    await page.click('#findings th:nth-child(1)');
    const reversed = await page.$$eval('#findings tbody tr', (trs) => trs.map((tr) => tr.children[0]!.textContent!));
    assert.deepEqual(reversed, [...sorted].reverse());
  });

  test("the namespace labels table shows each namespace's levels as the JSON report has them", async () => {
    const rows = await page.$$eval('#namespaces tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent!)));
    const expected = [...namespaces]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((ns) => [
        ns.name,
        `${ns.policy.enforce.level}:${ns.policy.enforce.version}`,
        `${ns.policy.audit.level}:${ns.policy.audit.version}`,
        `${ns.policy.warn.level}:${ns.policy.warn.version}`,
      ]);
    assert.deepEqual(
      rows.map((r) => r.slice(0, 4)),
      expected,
    );
    const labelled = namespaces.find((ns) => Object.keys(ns.policy.labels).length > 0)!;
    const row = rows.find((r) => r[0] === labelled.name)!;
    for (const [k, v] of Object.entries(labelled.policy.labels)) assert.ok(row[4]!.includes(`${k.replace('pod-security.kubernetes.io/', '')}=${v}`), row[4]);
  });

  test('every finding has its remediation and a link; sorted columns say so', async () => {
    const cells = await page.$$eval('#findings tbody tr', (trs) =>
      trs.map((tr) => ({ fix: tr.children[8]!.textContent!, href: tr.children[8]!.querySelector('a')?.getAttribute('href') ?? '' })),
    );
    assert.ok(cells.length > 0);
    for (const c of cells) {
      assert.ok(c.fix.length > 20, c.fix);
      assert.match(c.href, /^https:\/\//);
    }
    await page.click('#findings th:nth-child(4)');
    assert.equal(await page.getAttribute('#findings th:nth-child(4)', 'aria-sort'), 'ascending');
    assert.equal(await page.getAttribute('#findings th:nth-child(1)', 'aria-sort'), 'none');
  });

  test('at 1400 px every chart is drawn at (nearly) its natural size, so its 12 px text stays readable', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    const charts = await page.$$eval('svg[data-chart]', (svgs) =>
      svgs.map((svg) => ({ name: svg.getAttribute('data-chart'), drawn: svg.getBoundingClientRect().width, natural: Number(svg.getAttribute('width')) })),
    );
    assert.ok(charts.length >= 3);
    for (const c of charts) assert.ok(c.drawn / c.natural >= 0.95, `${c.name}: drawn ${c.drawn}px of ${c.natural}px`);
    const shot = path.join(process.env['PODGUARD_SCREENSHOT_DIR'] ?? dir, 'audit-report-1400.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.equal(fs.readFileSync(shot).subarray(1, 4).toString(), 'PNG');
    process.stdout.write(`# screenshot at 1400 px: ${shot}\n`);
  });

  test('the scan report shows exception justifications and expiry, file:line, remediation and links', async () => {
    writeFile(
      dir,
      'podguard.yaml',
      'level: baseline\npreset: pss\nexceptions:\n- id: agent\n  name: agent\n  checks: [hostNamespaces]\n  justification: node agent needs the host PID namespace (SEC-7)\n  expires: 2099-01-01\n',
    );
    writeFile(
      dir,
      'agent.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  hostPID: true\n  containers: [{name: a, image: x, securityContext: {privileged: true}}]\n',
    );
    const scanFile = path.join(dir, 'scan.html');
    const run = await podguardAsync(['scan', 'agent.yaml', '-o', 'html', '--output-file', scanFile], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    const p2 = await context.newPage();
    await p2.goto(`file://${scanFile}`);
    await p2.waitForSelector('#findings tbody tr');
    const rows = await p2.$$eval('#findings tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent!)));
    const pid = rows.find((r) => r[2] === 'hostNamespaces')!;
    assert.equal(pid[4], 'excepted');
    assert.equal(pid[6], 'agent.yaml:5');
    assert.equal(pid[7], 'excepted by agent (podguard.yaml:4), until 2099-01-01: node agent needs the host PID namespace (SEC-7)');
    const priv = rows.find((r) => r[2] === 'privileged')!;
    assert.equal(priv[6], 'agent.yaml:6');
    assert.match(priv[8]!, /^Privileged Pods .* docs$/, "a PSS check: the standard's own text, and its page");
    await p2.close();
  });

  test('a screenshot is taken', async () => {
    await page.click('#findings th:nth-child(1)');
    const shot = path.join(process.env['PODGUARD_SCREENSHOT_DIR'] ?? dir, 'audit-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = fs.readFileSync(shot);
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.ok(png.length > 20_000, `a real page, not a blank one (${png.length} bytes)`);
    process.stdout.write(`# screenshot: ${shot}\n`);
  });
});
