// A RuleTester-style harness for Pod Security Standards checks: every forbidden case must state
// its exact reason and detail, every case its version, so a weak test is hard to write.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PssCheck } from '../../src/pss/check';
import type { ObjectMeta, PodSpec } from '../../src/k8s/types';
import { minorOf } from '../../src/pss/version';

export interface CheckCase {
  readonly name: string;
  /** "v1.N": the policy version to evaluate at. */
  readonly version: string;
  readonly spec: PodSpec;
  readonly meta?: ObjectMeta;
  /** Omitted: the pod must be allowed. */
  readonly forbidden?: { reason: string; detail: string; fields?: readonly string[] };
}

/** The versioned behaviour of `check` in force at `version`, or undefined before its first one. */
export function versionedAt(check: PssCheck, version: string) {
  const minor = minorOf(version);
  return [...check.versions].reverse().find((v) => minorOf(v.since) <= minor);
}

export function checkCases(check: PssCheck, cases: readonly CheckCase[]): void {
  for (const c of cases) {
    test(`${check.id} ${c.version}: ${c.name}`, () => {
      const v = versionedAt(check, c.version);
      assert.ok(v, `${check.id} has no behaviour at ${c.version}`);
      const r = v.check(c.meta ?? {}, c.spec);
      if (!c.forbidden) {
        assert.equal(r.allowed, true, `expected allowed, got ${r.reason} (${r.detail})`);
        return;
      }
      assert.equal(r.allowed, false, 'expected forbidden');
      assert.equal(r.reason, c.forbidden.reason);
      assert.equal(r.detail, c.forbidden.detail);
      if (c.forbidden.fields) assert.deepEqual(r.fields, c.forbidden.fields);
    });
  }
}
