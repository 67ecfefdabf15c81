// `scan --format junit` is read by a real JUnit XML parser (fast-xml-parser): one suite per
// file, one case per workload, failures listing findings, input errors as errors.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { podguard } from '../support/cli';
import { workspace } from './fixtures';

interface Case {
  '@_name': string;
  '@_classname': string;
  '@_line'?: string;
  failure?: { '#text': string; '@_message': string; '@_type': string };
  error?: { '@_message': string };
  'system-out'?: string;
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  testcase: Case[];
}

describe('scan --format junit', () => {
  const cwd = workspace();
  const run = podguard(['scan', 'k8s', '-o', 'junit'], { cwd });
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) });
  const doc = parser.parse(run.stdout) as { testsuites: { '@_name': string; testsuite: Suite[] } };

  test('is well-formed XML', () => assert.equal(XMLValidator.validate(run.stdout), true));

  test('one suite per file with counts, one case per workload, plus one per input error', () => {
    const [suite, ...rest] = doc.testsuites.testsuite;
    assert.equal(rest.length, 0);
    assert.deepEqual([suite!['@_name'], suite!['@_tests'], suite!['@_failures'], suite!['@_errors']], ['k8s/insecure.yaml', '3', '2', '1']);
    assert.deepEqual(
      suite!.testcase.map((c) => c['@_name']),
      ['input error (line 42)', 'Deployment shop/web & <api> (spec.template)', 'DaemonSet monitoring/node-agent (spec.template)'],
    );
  });

  test('a failing workload lists its findings, riskiest first, with lines; special characters survive escaping', () => {
    const web = doc.testsuites.testsuite[0]!.testcase[1]!;
    assert.equal(web.failure!['@_type'], 'critical');
    assert.match(web.failure!['@_message'], /^\d+ findings, worst critical; denied by the Pod Security Standards$/);
    const lines = web.failure!['#text'].split('\n');
    assert.equal(lines[0], 'line 13: [critical] privileged: container "app" must not set securityContext.privileged=true');
  });

  test('excepted findings are listed in system-out with their justification', () => {
    const agent = doc.testsuites.testsuite[0]!.testcase[2]!;
    assert.match(
      String(agent['system-out']),
      /container-runtime-socket: volume "sock" mounts the container runtime socket .* \[exception applied: the agent lists containers \(SEC-8\)\]/,
    );
    assert.doesNotMatch(agent.failure!['#text'], /container-runtime-socket/);
  });

  test('input errors are <error> cases', () => {
    assert.match(doc.testsuites.testsuite[0]!.testcase[0]!.error!['@_message'], /invalid YAML/);
    assert.equal(run.code, 2);
  });
});
