import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { escapeHtml, HtmlScanReporter, renderHtml, type HtmlReportData } from './html';
import type { Result } from './model';
import { Output } from './output';
import { podguard } from '../../test/support/cli';

const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';

function data(overrides: Partial<HtmlReportData> = {}): HtmlReportData {
  return {
    title: 'podguard audit',
    subtitle: 'test',
    generatedAt: '2026-03-01T00:00:00.000Z',
    tiles: [{ label: 'namespaces', value: '2' }],
    compliance: {
      title: 'Compliance',
      legend: [
        { label: 'ok', tone: 'good' },
        { label: 'bad', tone: 'bad' },
      ],
      rows: [{ label: HOSTILE, counts: [2, 1] }],
    },
    checks: [{ check: 'privileged', count: 3 }],
    riskiest: [{ label: 'ns/Pod/x', score: 1000, detail: 'privileged' }],
    findings: [
      {
        namespace: HOSTILE,
        workload: 'Pod/x',
        check: 'privileged',
        standard: 'pss',
        level: 'baseline',
        severity: 'critical',
        status: 'denied',
        message: HOSTILE,
        where: 'a.yaml:3',
      },
    ],
    findingsOmitted: 0,
    errors: [],
    ...overrides,
  };
}

describe('renderHtml', () => {
  const html = renderHtml(data());

  test('user-controlled text cannot inject markup or end the data script', () => {
    assert.equal(html.includes(HOSTILE), false);
    assert.ok(html.includes(escapeHtml(HOSTILE)), 'escaped in the chart');
    // The only </script> closings are podguard's own two.
    assert.equal(html.split('</script>').length - 1, 2);
    const island = /<script type="application\/json" id="findings-data">(.*?)<\/script>/s.exec(html)![1]!;
    assert.equal((JSON.parse(island) as { message: string }[])[0]!.message, HOSTILE, 'the data survives intact');
  });

  test('one self-contained file: no external resources, and a policy that forbids fetching any', () => {
    assert.doesNotMatch(html, /\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    assert.doesNotMatch(html, /@import|url\(/i);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  });

  test('charts carry their numbers as data and as text', () => {
    assert.match(html, /<rect [^>]*data-segment="ok" data-value="2">/);
    assert.match(html, /<rect [^>]*data-segment="bad" data-value="1">/);
    assert.match(html, /<g data-filter-check="privileged" class="bar clickable" data-label="privileged" data-value="3">/);
  });

  test('rows beyond the table cap are announced', () => {
    assert.match(renderHtml(data({ findingsOmitted: 12345 })), /12,345 more findings are not included; use --format json/);
  });
});

describe('HtmlScanReporter (podguard scan --format html)', () => {
  test('counts allowed and denied objects per namespace and lists each violation at its line', async () => {
    let text = '';
    const sink = new Writable({ write: (c: Buffer, _e, cb) => ((text += c.toString()), cb()) });
    const reporter = new HtmlScanReporter(new Output(sink), () => new Date('2026-03-01T00:00:00Z'));
    const result = (name: string, ns: string | undefined, violations: Result['violations']): Result => ({
      source: { file: 'k8s/app.yaml', document: 0, line: 1 },
      object: { apiVersion: 'v1', kind: 'Pod', name, ...(ns ? { namespace: ns } : {}) },
      podPath: '',
      allowed: violations.length === 0,
      failed: violations.length > 0,
      violations,
    });
    reporter.begin({ level: 'baseline', version: 'latest' });
    reporter.file({
      file: 'k8s/app.yaml',
      results: [
        result('bad', 'shop', [
          {
            check: 'privileged',
            standard: 'pss',
            level: 'baseline',
            severity: 'critical',
            reason: 'privileged',
            detail: 'container "a" must not set securityContext.privileged=true',
            fields: [{ path: 'spec.containers[0].securityContext.privileged', line: 9 }],
          },
        ]),
        result('good', 'shop', []),
        result('loose', undefined, []),
      ],
      errors: [{ file: 'k8s/broken.yaml', line: 4, message: 'invalid YAML: bad indentation' }],
    });
    await reporter.end({ files: 2, objects: 3, evaluated: 3, allowed: 2, denied: 1, errors: 1 });
    assert.match(text, /<g class="row" data-label="shop" data-total="2">/);
    assert.match(text, /data-segment="allowed" data-value="1"/);
    assert.match(text, /data-segment="denied" data-value="1"/);
    assert.match(text, /<g class="row" data-label="\(no namespace\)" data-total="1">/);
    const rows = JSON.parse(/id="findings-data">(.*?)<\/script>/s.exec(text)![1]!) as { where: string; status: string }[];
    assert.deepEqual(
      rows.map((r) => [r.where, r.status]),
      [['k8s/app.yaml:9', 'denied']],
    );
    assert.ok(text.includes('k8s/broken.yaml:4: invalid YAML: bad indentation'));
    assert.ok(text.includes('Pod Security Standards baseline:v1.37'));
  });
});

describe('podguard scan --format html', () => {
  test('writes one page for the example manifests, with the exit code of the scan', () => {
    const r = podguard(['scan', 'examples/', '-o', 'html']);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stdout.startsWith('<!DOCTYPE html>'));
    const rows = JSON.parse(/id="findings-data">(.*?)<\/script>/s.exec(r.stdout)![1]!) as { where: string }[];
    assert.ok(rows.length > 0 && rows.every((x) => /^examples\/.+\.(ya?ml|json):\d+$/.test(x.where)), 'findings point at files and lines');
  });
});
