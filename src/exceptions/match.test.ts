// Scope, expiry and locked checks of exception matching.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExceptionRule, ExceptionSet } from './exception';
import { exceptionFor, type ExceptionTarget } from './match';
import { compilePattern } from './pattern';

const NOW = Date.UTC(2026, 0, 15);

function rule(over: Partial<ExceptionRule> & { checks: readonly string[] }): ExceptionRule {
  return { id: 'r', justification: 'because', origin: { kind: 'config', file: 'podguard.yaml', line: 3 }, ...over };
}
function set(rules: ExceptionRule[], locked: string[] = [], annotations = true): ExceptionSet {
  return { rules, locked: new Set(locked), annotations };
}
const target: ExceptionTarget = { namespace: 'shop', kind: 'Deployment', name: 'web-1', check: 'runAsNonRoot', containers: ['app'] };

describe('scope', () => {
  const cases: [string, Partial<ExceptionRule>, Partial<ExceptionTarget>, boolean][] = [
    ['check only', {}, {}, true],
    ['another check', { checks: ['privileged'] }, {}, false],
    ['namespace pattern', { namespaces: [compilePattern('sh*')] }, {}, true],
    ['other namespace', { namespaces: [compilePattern('payments')] }, {}, false],
    ['namespace required but the object has none', { namespaces: [compilePattern('*')] }, { namespace: undefined }, false],
    ['kind', { kinds: ['Deployment', 'StatefulSet'] }, {}, true],
    ['other kind', { kinds: ['DaemonSet'] }, {}, false],
    ['name pattern', { names: [compilePattern('web-*')] }, {}, true],
    ['name pattern not matching', { names: [compilePattern('api-*')] }, {}, false],
    ['container', { containers: [compilePattern('app')] }, {}, true],
    ['container scope needs every container of the finding', { containers: [compilePattern('app')] }, { containers: ['app', 'sidecar'] }, false],
    ['container patterns', { containers: [compilePattern('app'), compilePattern('side*')] }, { containers: ['app', 'sidecar'] }, true],
    ['container scope never covers a pod-level finding', { containers: [compilePattern('*')] }, { containers: [] }, false],
  ];
  for (const [name, over, t, applies] of cases) {
    test(name, () => {
      const got = exceptionFor(set([rule({ checks: ['runAsNonRoot'], ...over })]), [], { ...target, ...t }, NOW);
      if (applies) assert.equal(got?.status, 'applied');
      else assert.equal(got, undefined);
    });
  }

  test('an applied exception says where it is written and why', () => {
    assert.deepEqual(
      exceptionFor(set([rule({ id: 'legacy', checks: ['runAsNonRoot'], expires: '2026-12-31', expiresAt: Date.UTC(2027, 0, 1) })]), [], target, NOW),
      {
        status: 'applied',
        id: 'legacy',
        source: 'config',
        justification: 'because',
        expires: '2026-12-31',
        file: 'podguard.yaml',
        line: 3,
      },
    );
  });
});

describe('expiry', () => {
  const expiring = (expiresAt: number) => set([rule({ checks: ['runAsNonRoot'], expires: 'x', expiresAt })]);
  test('applies before its expiry', () => assert.equal(exceptionFor(expiring(NOW + 1), [], target, NOW)?.status, 'applied'));
  test('stops applying at its expiry, and says so', () => {
    const got = exceptionFor(expiring(NOW), [], target, NOW);
    assert.equal(got?.status, 'expired');
    assert.equal(got?.problem, 'expired x');
  });
  test('a later exception that applies wins over an expired one', () => {
    const s = set([rule({ id: 'old', checks: ['runAsNonRoot'], expiresAt: NOW - 1 }), rule({ id: 'new', checks: ['runAsNonRoot'] })]);
    assert.deepEqual([exceptionFor(s, [], target, NOW)?.status, exceptionFor(s, [], target, NOW)?.id], ['applied', 'new']);
  });
});

describe('locked checks and annotations', () => {
  const annotation = rule({
    id: 'exception.podguard.dev/runAsNonRoot',
    checks: ['runAsNonRoot'],
    origin: { kind: 'annotation', key: 'exception.podguard.dev/runAsNonRoot' },
  });
  test('an annotation excepts an unlocked check', () => {
    assert.deepEqual(exceptionFor(set([]), [annotation], target, NOW), {
      status: 'applied',
      id: 'exception.podguard.dev/runAsNonRoot',
      source: 'annotation',
      justification: 'because',
      annotation: 'exception.podguard.dev/runAsNonRoot',
    });
  });
  test('an annotation cannot except a locked check: it is reported as locked', () => {
    const got = exceptionFor(set([], ['runAsNonRoot']), [annotation], target, NOW);
    assert.equal(got?.status, 'locked');
    assert.match(got!.problem!, /locked by the administrator/);
  });
  test('the configuration can except a locked check', () => {
    assert.equal(exceptionFor(set([rule({ checks: ['runAsNonRoot'] })], ['runAsNonRoot']), [annotation], target, NOW)?.status, 'applied');
  });
  test('annotations can be switched off entirely', () => {
    assert.equal(exceptionFor(set([], [], false), [annotation], target, NOW), undefined);
  });
  test('an unusable annotation matches but does not apply', () => {
    const got = exceptionFor(set([]), [{ ...annotation, justification: '', problem: 'a justification is required' }], target, NOW);
    assert.deepEqual([got?.status, got?.problem], ['invalid', 'a justification is required']);
  });
});
