// A RuleTester-style harness for hardening policies: every failing case states the exact
// findings (detail, fields, container), every policy must have both failing and passing cases,
// and a passing pod must return the shared PASS array (no allocation).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ObjectMeta, PodSpec } from '../../src/k8s/types';
import { PASS, type PodPolicy, type PolicyFinding } from '../../src/policies/policy';

export interface PolicyCase {
  readonly name: string;
  readonly spec: PodSpec;
  readonly meta?: ObjectMeta;
  /** Omitted: the pod must pass. Otherwise exactly these findings, in order. */
  readonly findings?: readonly PolicyFinding[];
}

export function policyCases(policy: PodPolicy, cases: readonly PolicyCase[]): void {
  describe(`policy ${policy.id}`, () => {
    test('has failing and passing cases', () => {
      assert.ok(
        cases.some((c) => c.findings && c.findings.length > 0),
        'no failing case',
      );
      assert.ok(
        cases.some((c) => !c.findings),
        'no passing case',
      );
    });
    for (const c of cases) {
      test(c.findings ? `fails: ${c.name}` : `passes: ${c.name}`, () => {
        const spec = structuredClone(c.spec);
        const meta = structuredClone(c.meta ?? {});
        const got = policy.check(meta, spec);
        assert.deepEqual(spec, c.spec, 'the check must not modify the pod');
        if (!c.findings) {
          assert.equal(got, PASS, `expected a pass (the shared PASS), got ${JSON.stringify(got)}`);
          return;
        }
        assert.deepEqual(got, c.findings);
      });
    }
  });
}
