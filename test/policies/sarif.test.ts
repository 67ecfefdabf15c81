// `scan --format sarif` validates against the SARIF 2.1.0 JSON Schema (vendored from
// @microsoft/sarif-multitool, see test/fixtures/sarif/SOURCE.md), with one rule per check and
// results at the offending field's line; excepted findings are suppressions, not dropped.

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { BUILTIN_POLICIES as POLICIES } from '../../src/policies/catalogue';
import { podguard, REPO } from '../support/cli';
import { workspace } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const SCHEMA = require(path.join(REPO, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json')) as object;

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat('uri', { validate: (s: string) => URL.canParse(s) });
ajv.addFormat('uri-reference', { validate: (s: string) => /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(s) });
ajv.addFormat('date-time', { validate: (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) });
ajv.addFormat('uuid', { validate: (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) });
const validate = ajv.compile(SCHEMA);

interface Sarif {
  version: string;
  runs: {
    tool: {
      driver: { name: string; rules: { id: string; help: { text: string }; defaultConfiguration: { level: string }; properties: Record<string, unknown> }[] };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
      suppressions?: { kind: string; status: string; justification: string }[];
      properties: { severity: string; exception?: { status: string } };
    }[];
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: string; message: { text: string }; locations: { physicalLocation: { region?: { startLine: number } } }[] }[];
    }[];
  }[];
}

describe('scan --format sarif', () => {
  const cwd = workspace();
  const run = podguard(['scan', 'k8s', '-o', 'sarif'], { cwd });
  const sarif = JSON.parse(run.stdout) as Sarif;
  const [r] = sarif.runs;

  test('is valid SARIF 2.1.0 by the schema', () => {
    const ok = validate(sarif);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.equal(sarif.version, '2.1.0');
  });

  test('the schema check is not vacuous: a broken log fails it', () => {
    const broken = structuredClone(sarif) as unknown as { runs: { results: { level: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'fatal';
    assert.equal(validate(broken), false);
  });

  test('exit code follows the findings and the input error (2 wins)', () => assert.equal(run.code, 2));

  test('one rule per check, with help text and a security severity', () => {
    const rules = r!.tool.driver.rules;
    assert.equal(rules.length, 19 + POLICIES.length);
    assert.equal(new Set(rules.map((x) => x.id)).size, rules.length);
    for (const rule of rules) {
      assert.ok(rule.help.text.length > 10, rule.id);
      assert.match(String(rule.properties['security-severity']), /^\d+\.\d$/);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    const privileged = rules.find((x) => x.id === 'privileged')!;
    assert.deepEqual([privileged.defaultConfiguration.level, privileged.properties['security-severity']], ['error', '9.5']);
  });

  test("results point at their rule and at the offending field's line", () => {
    for (const res of r!.results) assert.equal(r!.tool.driver.rules[res.ruleIndex]!.id, res.ruleId);
    const privileged = r!.results.find((x) => x.ruleId === 'privileged')!;
    assert.deepEqual(privileged.locations[0]!.physicalLocation, {
      artifactLocation: { uri: 'k8s/insecure.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 13 },
    });
    assert.equal(privileged.level, 'error');
    assert.match(privileged.message.text, /container "app" must not set securityContext\.privileged=true — Deployment shop\/web & <api>/);
    const socket = r!.results.find((x) => x.ruleId === 'container-runtime-socket')!;
    assert.equal(socket.locations[0]!.physicalLocation.region.startLine, 37);
  });

  test('excepted findings are suppressions with their justification', () => {
    const socket = r!.results.find((x) => x.ruleId === 'container-runtime-socket')!;
    assert.deepEqual(socket.suppressions, [{ kind: 'external', status: 'accepted', justification: 'the agent lists containers (SEC-8)' }]);
    const ns = r!.results.find((x) => x.ruleId === 'hostNamespaces' && x.message.text.includes('node-agent'))!;
    assert.deepEqual(
      ns.suppressions,
      [{ kind: 'inSource', status: 'accepted', justification: 'reads node process metrics (SEC-7)' }],
      'an annotation exception is an in-source suppression',
    );
    assert.ok(r!.results.filter((x) => !x.suppressions).length > 0);
  });

  test('input errors are tool notifications with their line, and the run is marked unsuccessful', () => {
    const inv = r!.invocations[0]!;
    assert.equal(inv.executionSuccessful, false);
    assert.equal(inv.toolExecutionNotifications.length, 1);
    assert.equal(inv.toolExecutionNotifications[0]!.level, 'error');
    assert.equal(inv.toolExecutionNotifications[0]!.locations[0]!.physicalLocation.region!.startLine, 42);
  });
});
