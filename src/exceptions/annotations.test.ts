import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotationExceptions, hasExceptionAnnotations, type AnnotationProblem } from './annotations';

test('no annotations, or none of ours', () => {
  assert.deepEqual(annotationExceptions(undefined), []);
  assert.equal(hasExceptionAnnotations({ annotations: { 'other.io/x': 'y' } }), false);
  assert.deepEqual(annotationExceptions({ annotations: { 'other.io/x': 'y' } }), []);
});

test('a justification, an expiry and containers', () => {
  const [r, ...rest] = annotationExceptions({
    annotations: {
      'exception.podguard.dev/run-as-root-user': ' vendor image needs root (SEC-9) ',
      'exception.podguard.dev/run-as-root-user.expires': '2026-06-30',
      'exception.podguard.dev/run-as-root-user.containers': 'app, side-*',
    },
  });
  assert.equal(rest.length, 0);
  assert.deepEqual(
    [r!.id, r!.checks, r!.justification, r!.expires, r!.expiresAt, r!.problem],
    ['exception.podguard.dev/run-as-root-user', ['run-as-root-user'], 'vendor image needs root (SEC-9)', '2026-06-30', Date.UTC(2026, 6, 1), undefined],
  );
  assert.deepEqual(
    r!.containers!.map((p) => [p.source, p.test('side-car'), p.test('web')]),
    [
      ['app', false, false],
      ['side-*', true, false],
    ],
  );
});

test('missing justification, bad expiry and a stray suffix are reported', () => {
  const problems: AnnotationProblem[] = [];
  const rules = annotationExceptions(
    {
      annotations: {
        'exception.podguard.dev/privileged': '',
        'exception.podguard.dev/host-pid': 'node agent',
        'exception.podguard.dev/host-pid.expires': 'next year',
        'exception.podguard.dev/host-ipc.expires': '2026-01-01',
      },
    },
    problems,
  );
  assert.deepEqual(
    rules.map((r) => [r.checks[0], r.problem]),
    [
      ['privileged', 'exception.podguard.dev/privileged: a justification is required (say why this exception is acceptable)'],
      [
        'host-pid',
        'exception.podguard.dev/host-pid.expires: "next year" is not a date (2026-03-31, valid through that day, UTC) or an RFC 3339 time (2026-03-31T12:00:00Z)',
      ],
    ],
  );
  assert.equal(problems.length, 3);
  assert.match(problems.find((p) => p.key.endsWith('host-ipc.expires'))!.message, /no matching "exception.podguard.dev\/host-ipc"/);
});
