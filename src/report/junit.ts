// `--format junit`: JUnit XML for CI test reports. One <testsuite> per input file, one <testcase>
// per pod-bearing object (a failure when the object fails the run, listing its findings riskiest
// first); findings that do not fail (excepted, or below --fail-on) go to <system-out> so they stay
// visible. Input errors are <testcase>s with an <error>. Streamed one file at a time.

import type { Profile } from '../pss/evaluate';
import { isExcepted } from '../exceptions/exception';
import type { FileReport, Reporter, ReportError, Result, RunInfo, Summary, Violation } from './model';
import { Output } from './output';
import { describeObject } from '../k8s/object-ref';

// XML 1.0 allows tab, newline, carriage return and U+0020 onwards (minus surrogates and U+FFFE/F).
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlEscape(s: string): string {
  return s.replace(INVALID_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function findingLine(v: Violation, fallback: number): string {
  const line = v.fields.find((f) => f.line !== undefined)?.line ?? fallback;
  const exception = v.exception
    ? ` [exception ${v.exception.status}: ${v.exception.status === 'applied' ? v.exception.justification : (v.exception.problem ?? '')}]`
    : '';
  return `line ${line}: [${v.severity}] ${v.check}: ${v.detail || v.reason}${exception}`;
}

function testcase(file: string, r: Result): string {
  const name = `${describeObject(r.object)}${r.podPath ? ` (${r.podPath})` : ''}`;
  const open = `    <testcase classname="${xmlEscape(file)}" name="${xmlEscape(name)}" file="${xmlEscape(file)}" line="${r.source.line}" time="0"`;
  const failing = r.violations.filter((v) => r.failed && !isExcepted(v));
  const other = r.violations.filter((v) => !failing.includes(v));
  let body = '';
  if (r.failed) {
    const worst = failing[0]?.severity ?? 'low';
    const message = `${failing.length} ${failing.length === 1 ? 'finding' : 'findings'}, worst ${worst}${r.allowed ? '' : '; denied by the Pod Security Standards'}`;
    body += `      <failure message="${xmlEscape(message)}" type="${xmlEscape(worst)}">${xmlEscape(failing.map((v) => findingLine(v, r.source.line)).join('\n'))}</failure>\n`;
  }
  if (other.length > 0) body += `      <system-out>${xmlEscape(other.map((v) => findingLine(v, r.source.line)).join('\n'))}</system-out>\n`;
  return body === '' ? `${open}/>\n` : `${open}>\n${body}    </testcase>\n`;
}

function errorcase(e: ReportError): string {
  const where = e.line !== undefined ? ` (line ${e.line})` : '';
  return (
    `    <testcase classname="${xmlEscape(e.file)}" name="${xmlEscape(`input error${where}`)}" file="${xmlEscape(e.file)}"${e.line !== undefined ? ` line="${e.line}"` : ''} time="0">\n` +
    `      <error message="${xmlEscape(e.message)}" type="input"/>\n    </testcase>\n`
  );
}

export class JUnitReporter implements Reporter {
  constructor(private readonly out = new Output()) {}

  begin(profile: Profile, run?: RunInfo): void {
    const p = `${profile.level}:${profile.version === 'latest' ? 'latest' : `v1.${profile.version}`}`;
    this.out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlEscape(`podguard ${p}${run?.preset ? ` preset ${run.preset}` : ''}`)}">\n`);
  }

  file(report: FileReport): void {
    const failures = report.results.filter((r) => r.failed).length;
    const tests = report.results.length + report.errors.length;
    if (tests === 0) return;
    this.out.write(
      `  <testsuite name="${xmlEscape(report.file)}" tests="${tests}" failures="${failures}" errors="${report.errors.length}" skipped="0" time="0">\n`,
    );
    for (const e of report.errors) this.out.write(errorcase(e));
    for (const r of report.results) this.out.write(testcase(report.file, r));
    this.out.write('  </testsuite>\n');
  }

  end(_summary: Summary): Promise<void> {
    this.out.write('</testsuites>\n');
    return this.out.close();
  }
}
