// `--format html`: one self-contained HTML file (inline CSS, inline JavaScript, charts drawn as
// inline SVG here, no network: a Content-Security-Policy forbids every fetch) that people read:
// summary tiles, compliance by namespace, violations by check, the riskiest workloads, and a
// filterable, sortable table of every finding. `podguard audit` and `podguard scan` both render
// through renderHtml; HtmlScanReporter adapts scan results.

import { RISK_WEIGHT, type Severity } from '../policies/severity';
import type { Profile } from '../pss/evaluate';
import { pssRegistry } from '../pss/registry';
import { effectiveMinor } from '../pss/version';
import type { FindingException } from '../exceptions/exception';
import { allRules } from '../policies/rules';
import type { FileReport, Reporter, Result, Summary } from './model';
import { Output } from './output';

/** One row of the findings table. */
export interface HtmlFinding {
  readonly namespace: string;
  /** `Deployment/web`. */
  readonly workload: string;
  readonly check: string;
  /** `pss` or `podguard`. */
  readonly standard: string;
  readonly level: string;
  readonly severity: string;
  /** What the finding means for this workload (`violates enforced level`, `blocks restricted`, `denied`, …). */
  readonly status: string;
  readonly message: string;
  /** Where: a file and line, or the object it was seen on. */
  readonly where: string;
  /** The exception that matched, with its justification and expiry ('' when none). */
  readonly exception?: string;
  /** How to fix it (the check's or policy's remediation); filled in by HtmlReportBuilder. */
  readonly fix?: string;
  /** A page that explains the check or policy; filled in by HtmlReportBuilder. */
  readonly link?: string;
}

/** A namespace's Pod Security Admission labels, for the audit's table. */
export interface HtmlNamespaceRow {
  readonly name: string;
  readonly enforce: string;
  readonly audit: string;
  readonly warn: string;
  /** The pod-security.kubernetes.io labels as written, or why they are not known. */
  readonly labels: string;
}

const PSS_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

/** The remediation and a link for each check and policy id, from the rule catalogue. */
function ruleHelp(): ReadonlyMap<string, { fix: string; link: string }> {
  const map = new Map<string, { fix: string; link: string }>();
  for (const r of allRules()) map.set(r.id, { fix: r.remediation ?? r.description, link: r.references[0]?.url ?? PSS_URL });
  return map;
}

/** "excepted by ID (until DATE): justification", or what is wrong with the exception. */
export function exceptionText(e: FindingException | undefined): string {
  if (!e) return '';
  const by = e.source === 'annotation' ? `annotation ${e.annotation ?? e.id}` : e.line !== undefined ? `${e.id} (${e.file}:${e.line})` : e.id;
  if (e.status === 'applied') return `excepted by ${by}${e.expires ? `, until ${e.expires}` : ''}: ${e.justification}`;
  if (e.status === 'expired') return `exception ${by} expired ${e.expires}: ${e.justification}`;
  return `exception ${by} not applied: ${e.problem ?? e.status}`;
}

/** A stacked bar of the compliance chart: one count per legend entry. */
export interface HtmlComplianceRow {
  readonly label: string;
  readonly counts: readonly number[];
  /** Shown after the bar (e.g. the enforced level). */
  readonly note?: string;
}

export interface HtmlReportData {
  readonly title: string;
  readonly subtitle: string;
  readonly generatedAt: string;
  readonly tiles: readonly { readonly label: string; readonly value: string; readonly tone?: 'good' | 'warn' | 'bad' }[];
  readonly compliance: {
    readonly title: string;
    readonly legend: readonly { readonly label: string; readonly tone: 'good' | 'warn' | 'bad' }[];
    readonly rows: readonly HtmlComplianceRow[];
  };
  /** Workloads (or objects) affected by each check. */
  readonly checks: readonly { readonly check: string; readonly count: number }[];
  readonly riskiest: readonly { readonly label: string; readonly score: number; readonly detail: string }[];
  readonly findings: readonly HtmlFinding[];
  /** The audit: each namespace's labels and the levels they make Pod Security Admission apply. */
  readonly namespaces?: readonly HtmlNamespaceRow[];
  /** Findings left out of the table beyond the cap. */
  readonly findingsOmitted: number;
  readonly errors: readonly string[];
}

/** Chart rows drawn; the rest are summarised in a line under the chart. */
export const CHART_ROWS = { compliance: 40, checks: 25, riskiest: 10 };
/** Findings embedded in the report; a cluster with more is better read as JSON. */
export const MAX_FINDINGS = 100_000;

const TONE_COLOR = { good: '#2e7d32', warn: '#e0a100', bad: '#c62828' } as const;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a <script> element (no `</script>`, no HTML comment openers). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Shortens from the middle: both a namespace's start and a workload's name stay readable. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const head = Math.ceil((max - 1) / 2);
  return `${s.slice(0, head)}…${s.slice(s.length - (max - 1 - head))}`;
}

/** Drawn at its natural size (12px text), shrinking only on narrow screens. */
function svgOpen(name: string, width: number, height: number, label: string): string {
  return `<svg data-chart="${name}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="max-width:100%;height:auto" role="img" aria-label="${escapeHtml(label)}">`;
}

const LABEL_W = 250;
const BAR_W = 420;
const ROW_H = 22;

function stackedChart(c: HtmlReportData['compliance']): string {
  const rows = c.rows.slice(0, CHART_ROWS.compliance);
  const max = Math.max(1, ...rows.map((r) => r.counts.reduce((a, b) => a + b, 0)));
  const height = rows.length * ROW_H + 8;
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y = i * ROW_H + 4;
    const total = r.counts.reduce((a, b) => a + b, 0);
    parts.push(`<g class="row" data-label="${escapeHtml(r.label)}" data-total="${total}">`);
    parts.push(
      `<text x="${LABEL_W - 8}" y="${y + 14}" text-anchor="end" class="label">${escapeHtml(truncate(r.label, 36))}<title>${escapeHtml(r.label)}</title></text>`,
    );
    let x = LABEL_W;
    r.counts.forEach((n, s) => {
      if (n === 0) return;
      const w = Math.max(2, (n / max) * BAR_W);
      const legend = c.legend[s]!;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW_H - 6}" fill="${TONE_COLOR[legend.tone]}" data-segment="${escapeHtml(legend.label)}" data-value="${n}">` +
          `<title>${escapeHtml(r.label)}: ${fmt(n)} ${escapeHtml(legend.label)}</title></rect>`,
      );
      x += w;
    });
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 14}" class="value">${fmt(total)}${r.note ? ` · ${escapeHtml(r.note)}` : ''}</text></g>`);
  });
  const legend = c.legend.map((l) => `<span class="key"><i style="background:${TONE_COLOR[l.tone]}"></i>${escapeHtml(l.label)}</span>`).join('');
  const more = c.rows.length > rows.length ? `<p class="more">and ${fmt(c.rows.length - rows.length)} more (see the table)</p>` : '';
  const svg = rows.length
    ? `${svgOpen('compliance', LABEL_W + BAR_W + 220, height, c.title)}${parts.join('')}</svg>`
    : '<p class="empty">Nothing to chart.</p>';
  return `<section class="card wide"><h2>${escapeHtml(c.title)}</h2><div class="legend">${legend}</div>${svg}${more}</section>`;
}

function barChart(
  name: string,
  title: string,
  rows: readonly { label: string; value: number; tip: string; filter?: string }[],
  limit: number,
  tone: 'good' | 'warn' | 'bad',
): string {
  const shown = rows.slice(0, limit);
  const max = Math.max(1, ...shown.map((r) => r.value));
  const parts = shown.map((r, i) => {
    const y = i * ROW_H + 4;
    const w = Math.max(2, (r.value / max) * BAR_W * 0.7);
    const filter = r.filter ? ` data-filter-check="${escapeHtml(r.filter)}" class="bar clickable"` : ' class="bar"';
    return (
      `<g${filter} data-label="${escapeHtml(r.label)}" data-value="${r.value}">` +
      `<text x="${LABEL_W - 8}" y="${y + 14}" text-anchor="end" class="label">${escapeHtml(truncate(r.label, 36))}</text>` +
      `<rect x="${LABEL_W}" y="${y}" width="${w.toFixed(1)}" height="${ROW_H - 6}" fill="${TONE_COLOR[tone]}"><title>${escapeHtml(r.tip)}</title></rect>` +
      `<text x="${(LABEL_W + w + 6).toFixed(1)}" y="${y + 14}" class="value">${fmt(r.value)}</text></g>`
    );
  });
  const body = shown.length
    ? `${svgOpen(name, LABEL_W + BAR_W * 0.7 + 70, shown.length * ROW_H + 8, title)}${parts.join('')}</svg>`
    : '<p class="empty">None.</p>';
  const more = rows.length > shown.length ? `<p class="more">and ${fmt(rows.length - shown.length)} more</p>` : '';
  return `<section class="card"><h2>${escapeHtml(title)}</h2>${body}${more}</section>`;
}

function checkTitle(check: string): string {
  return pssRegistry().byId(check)?.title ?? check;
}

const STYLE = `
:root{--fg:#1d2330;--muted:#5f6b7a;--line:#dde2e8;--bg:#f5f7fa;--card:#fff;--accent:#2f5bd3}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:20px 28px;background:#1d2330;color:#fff}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c5cbd6}
main{padding:20px 28px;display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,640px),1fr));gap:18px}
.tiles{grid-column:1/-1;display:flex;flex-wrap:wrap;gap:12px}.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:150px}
.tile b{display:block;font-size:22px}.tile span{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.tile.good b{color:#2e7d32}.tile.warn b{color:#9a6b00}.tile.bad b{color:#c62828}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;overflow:hidden}.card.wide{grid-column:1/-1}
.card h2{margin:0 0 10px;font-size:15px}svg text{font-size:12px;fill:var(--fg)}svg .value{fill:var(--muted)}
.clickable{cursor:pointer}.clickable:hover rect{opacity:.8}
.legend{display:flex;gap:14px;margin-bottom:6px;color:var(--muted);font-size:12px}.key i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px}
.more,.empty{color:var(--muted);font-size:12px;margin:6px 0 0}
.filters{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:10px}.filters input,.filters select{font:inherit;padding:5px 8px;border:1px solid var(--line);border-radius:6px}
.filters input{flex:1;min-width:220px}#count{color:var(--muted);align-self:center}
table{width:100%;border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{cursor:pointer;user-select:none;background:#fafbfc;position:sticky;top:0}th:hover{color:var(--accent)}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}#namespaces th{cursor:default;position:static}
td.msg{max-width:520px}code{font-size:12px}.sev{font-weight:600}.sev-critical{color:#8e0000}.sev-high{color:#c62828}.sev-medium{color:#9a6b00}.sev-low{color:var(--muted)}
.errors li{color:#c62828}footer{padding:10px 28px 24px;color:var(--muted);font-size:12px}
`;

/** The table's behaviour: filters, sorting, and chart bars that filter by check. No network, no globals. */
const SCRIPT = `(function(){
var rows=JSON.parse(document.getElementById('findings-data').textContent);
var body=document.querySelector('#findings tbody'),q=document.getElementById('filter'),count=document.getElementById('count');
var sel={namespace:document.getElementById('f-namespace'),check:document.getElementById('f-check'),status:document.getElementById('f-status'),severity:document.getElementById('f-severity')};
var cols=['namespace','workload','check','severity','status','message','where','exception','fix'],sortKey=null,sortDir=1,LIMIT=2000;
var ths=document.querySelectorAll('#findings th');
Object.keys(sel).forEach(function(k){var seen={};rows.forEach(function(r){seen[r[k]]=1});Object.keys(seen).sort().forEach(function(v){var o=document.createElement('option');o.value=v;o.textContent=v;sel[k].appendChild(o)});sel[k].addEventListener('change',render)});
q.addEventListener('input',render);
ths.forEach(function(th,i){th.setAttribute('aria-sort','none');th.addEventListener('click',function(){var k=cols[i];sortDir=sortKey===k?-sortDir:1;sortKey=k;ths.forEach(function(h){h.setAttribute('aria-sort','none')});th.setAttribute('aria-sort',sortDir>0?'ascending':'descending');render()})});
document.querySelectorAll('[data-filter-check]').forEach(function(el){el.addEventListener('click',function(){sel.check.value=el.getAttribute('data-filter-check');render();document.getElementById('findings-card').scrollIntoView()})});
function render(){
var text=q.value.trim().toLowerCase(),out=[];
for(var i=0;i<rows.length;i++){var r=rows[i],ok=true;
for(var k in sel){if(sel[k].value&&r[k]!==sel[k].value){ok=false;break}}
if(ok&&text){ok=cols.some(function(c){return String(r[c]).toLowerCase().indexOf(text)>=0})}
if(ok)out.push(r)}
if(sortKey){out.sort(function(a,b){return a[sortKey]<b[sortKey]?-sortDir:a[sortKey]>b[sortKey]?sortDir:0})}
var frag=document.createDocumentFragment();
out.slice(0,LIMIT).forEach(function(r){var tr=document.createElement('tr');cols.forEach(function(c){var td=document.createElement('td');td.textContent=r[c]||'';if(c==='severity')td.className='sev sev-'+r[c];if(c==='message'||c==='fix'||c==='exception')td.className='msg';if(c==='check'){td.title=r.level?r.standard+' '+r.level:r.standard}if(c==='fix'&&r.link){td.appendChild(document.createTextNode(' '));var a=document.createElement('a');a.href=r.link;a.textContent='docs';a.rel='noopener noreferrer';a.target='_blank';td.appendChild(a)}tr.appendChild(td)});frag.appendChild(tr)});
body.replaceChildren(frag);
count.textContent=out.length+' of '+rows.length+' findings'+(out.length>LIMIT?' (first '+LIMIT+' shown)':'');
}
render();
})();`;

function namespaceTable(rows: readonly HtmlNamespaceRow[] | undefined): string {
  if (!rows || rows.length === 0) return '';
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.enforce)}</td><td>${escapeHtml(r.audit)}</td><td>${escapeHtml(r.warn)}</td><td><code>${escapeHtml(r.labels)}</code></td></tr>`,
    )
    .join('');
  return `<section class="card wide"><h2>Namespace labels</h2><table id="namespaces"><thead><tr><th>Namespace</th><th>Enforce</th><th>Audit</th><th>Warn</th><th>Labels (pod-security.kubernetes.io/…)</th></tr></thead><tbody>${body}</tbody></table></section>`;
}

export function renderHtml(data: HtmlReportData): string {
  const tiles = data.tiles
    .map((t) => `<div class="tile${t.tone ? ` ${t.tone}` : ''}"><b>${escapeHtml(t.value)}</b><span>${escapeHtml(t.label)}</span></div>`)
    .join('');
  const checks = barChart(
    'checks',
    'Violations by check',
    data.checks.map((c) => ({ label: c.check, value: c.count, tip: `${checkTitle(c.check)}: ${fmt(c.count)}`, filter: c.check })),
    CHART_ROWS.checks,
    'bad',
  );
  const riskiest = barChart(
    'riskiest',
    'Riskiest workloads',
    data.riskiest.map((r) => ({ label: r.label, value: r.score, tip: r.detail })),
    CHART_ROWS.riskiest,
    'warn',
  );
  const errors = data.errors.length
    ? `<section class="card wide errors"><h2>Could not be read (${fmt(data.errors.length)})</h2><ul>${data.errors
        .slice(0, 200)
        .map((e) => `<li>${escapeHtml(e)}</li>`)
        .join('')}</ul></section>`
    : '';
  const omitted =
    data.findingsOmitted > 0 ? `<p class="more">${fmt(data.findingsOmitted)} more findings are not included; use --format json for all of them.</p>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(data.title)}</h1><p>${escapeHtml(data.subtitle)}</p></header>
<main>
<div class="tiles">${tiles}</div>
${errors}
${stackedChart(data.compliance)}
${namespaceTable(data.namespaces)}
${checks}
${riskiest}
<section class="card wide" id="findings-card"><h2>Findings</h2>
<div class="filters"><input id="filter" type="search" placeholder="Filter: namespace, workload, check, message…" aria-label="Filter findings">
<select id="f-namespace" aria-label="Namespace"><option value="">All namespaces</option></select>
<select id="f-check" aria-label="Check"><option value="">All checks</option></select>
<select id="f-status" aria-label="Status"><option value="">Any status</option></select>
<select id="f-severity" aria-label="Severity"><option value="">Any severity</option></select>
<span id="count"></span></div>
<table id="findings"><thead><tr><th>Namespace</th><th>Workload</th><th>Check</th><th>Severity</th><th>Status</th><th>Message</th><th>Where</th><th>Exception</th><th>How to fix</th></tr></thead><tbody></tbody></table>
<noscript><p>The findings table needs JavaScript; the same data is in --format json.</p></noscript>
${omitted}
</section>
</main>
<footer>Generated by podguard on ${escapeHtml(data.generatedAt)}.</footer>
<script type="application/json" id="findings-data">${scriptJson(data.findings)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Collects what a report shows while results stream in — table rows (up to MAX_FINDINGS), the
 * objects each check affects, the riskiest few — and assembles the page data at the end. Shared by
 * the scan and audit reporters so both count the same way.
 */
export class HtmlReportBuilder {
  private readonly checks = new Map<string, number>();
  private riskiest: { label: string; score: number; detail: string }[] = [];
  private readonly findings: HtmlFinding[] = [];
  private omitted = 0;
  private readonly help = ruleHelp();
  readonly errors: string[] = [];
  readonly rows: HtmlComplianceRow[] = [];
  readonly namespaces: HtmlNamespaceRow[] = [];

  addFinding(row: HtmlFinding): void {
    const help = this.help.get(row.check);
    if (this.findings.length < MAX_FINDINGS)
      this.findings.push({ exception: '', ...row, fix: row.fix ?? help?.fix ?? '', link: row.link ?? help?.link ?? PSS_URL });
    else this.omitted++;
  }

  /** One more workload (or object) affected by `check`. */
  countCheck(check: string): void {
    this.checks.set(check, (this.checks.get(check) ?? 0) + 1);
  }

  addRisk(label: string, score: number, detail: string): void {
    if (score <= 0) return;
    this.riskiest.push({ label, score, detail });
    if (this.riskiest.length > CHART_ROWS.riskiest * 4) this.keepRiskiest();
  }

  private keepRiskiest(): void {
    this.riskiest.sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : 1));
    this.riskiest.length = Math.min(this.riskiest.length, CHART_ROWS.riskiest);
  }

  build(
    page: Pick<HtmlReportData, 'title' | 'subtitle' | 'generatedAt' | 'tiles'> & { compliance: Omit<HtmlReportData['compliance'], 'rows'> },
  ): HtmlReportData {
    this.keepRiskiest();
    // Namespaces with the most trouble first: the last legend entries are the worst.
    const rows = [...this.rows].sort((a, b) => {
      for (let i = a.counts.length - 1; i > 0; i--) if (a.counts[i] !== b.counts[i]) return b.counts[i]! - a.counts[i]!;
      return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
    });
    return {
      ...page,
      compliance: { ...page.compliance, rows },
      checks: [...this.checks.entries()].map(([check, count]) => ({ check, count })).sort((a, b) => b.count - a.count || (a.check < b.check ? -1 : 1)),
      riskiest: this.riskiest,
      findings: this.findings,
      ...(this.namespaces.length > 0 ? { namespaces: [...this.namespaces].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) } : {}),
      findingsOmitted: this.omitted,
      errors: this.errors,
    };
  }
}

// ---- podguard scan --format html ----

function objectLabel(r: Result): string {
  return `${r.object.kind}/${r.object.name ?? '(unnamed)'}`;
}

function scanRisk(r: Result): number {
  let score = 0;
  for (const v of r.violations) if (v.exception?.status !== 'applied') score += RISK_WEIGHT[v.severity as Severity] ?? 0;
  return score;
}

/**
 * The HTML report for files: compliance by namespace at the scanned level, violations by check,
 * the riskiest objects, every finding with its file and line. Results are small (no objects are
 * kept), and the page is written once at the end.
 */
export class HtmlScanReporter implements Reporter {
  private profile!: Profile;
  private readonly byNamespace = new Map<string, [number, number]>();
  private readonly page = new HtmlReportBuilder();

  constructor(
    private readonly out = new Output(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  begin(profile: Profile): void {
    this.profile = profile;
  }

  file(report: FileReport): void {
    for (const e of report.errors) this.page.errors.push(`${[e.file, e.line].filter((x) => x !== undefined).join(':')}: ${e.message}`);
    for (const r of report.results) {
      const ns = r.object.namespace ?? '(no namespace)';
      const counts = this.byNamespace.get(ns) ?? [0, 0];
      counts[r.allowed ? 0 : 1]++;
      this.byNamespace.set(ns, counts);
      const seen = new Set<string>();
      for (const v of r.violations) {
        if (!seen.has(v.check)) this.page.countCheck(v.check);
        seen.add(v.check);
        const line = v.fields.find((f) => f.line !== undefined)?.line ?? r.source.line;
        this.page.addFinding({
          namespace: ns,
          workload: objectLabel(r),
          check: v.check,
          standard: v.standard,
          level: v.level ?? '',
          severity: v.severity,
          status: v.exception?.status === 'applied' ? 'excepted' : v.standard === 'pss' ? 'denied' : 'policy',
          message: v.detail || v.reason,
          where: r.source.rendered?.lines === 'output' ? `${r.source.file} (rendered line ${line})` : `${r.source.file}:${line}`,
          exception: exceptionText(v.exception),
        });
      }
      this.page.addRisk(objectLabel(r), scanRisk(r), `${r.source.file}:${r.source.line}: ${r.violations.map((v) => v.check).join(', ')}`);
    }
  }

  async end(summary: Summary): Promise<void> {
    const level = `${this.profile.level}:v1.${effectiveMinor(this.profile.version)}`;
    for (const [label, counts] of this.byNamespace) this.page.rows.push({ label, counts });
    const data = this.page.build({
      title: 'podguard scan',
      subtitle: `${fmt(summary.files)} ${summary.files === 1 ? 'file' : 'files'} against Pod Security Standards ${level}`,
      generatedAt: this.now().toISOString(),
      tiles: [
        { label: 'objects with pods', value: fmt(summary.evaluated) },
        { label: `allowed at ${this.profile.level}`, value: fmt(summary.allowed), tone: 'good' },
        { label: `denied at ${this.profile.level}`, value: fmt(summary.denied), tone: summary.denied > 0 ? 'bad' : 'good' },
        { label: 'input errors', value: fmt(summary.errors), tone: summary.errors > 0 ? 'bad' : 'good' },
      ],
      compliance: {
        title: `Compliance by namespace at ${level}`,
        legend: [
          { label: 'allowed', tone: 'good' },
          { label: 'denied', tone: 'bad' },
        ],
      },
    });
    this.out.write(renderHtml(data));
    await this.out.close();
  }
}
