import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateFieldErrors, forbiddenStatus, goQuote, internalErrorStatus } from './api-status';

test('goQuote writes strings as Go %q does', () => {
  assert.equal(goQuote('web'), '"web"');
  assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(goQuote('\x07\b\f\n\r\t\v\x01\x7f'), '"\\a\\b\\f\\n\\r\\t\\v\\x01\\x7f"');
  assert.equal(goQuote('naïve ☃ ok'), '"naïve ☃ ok"');
  assert.equal(goQuote('\u2028\u00ad'), '"\\u2028\\u00ad"');
});

test('NewForbidden: with a name, without one, and for a grouped resource', () => {
  assert.equal(forbiddenStatus({ group: '', resource: 'pods' }, 'web', 'x').message, 'pods "web" is forbidden: x');
  assert.equal(forbiddenStatus({ group: '', resource: 'pods' }, '', 'x').message, 'pods is forbidden: x');
  assert.deepEqual(forbiddenStatus({ group: 'batch', resource: 'cronjobs' }, 'nightly', 'x'), {
    metadata: {},
    status: 'Failure',
    message: 'cronjobs.batch "nightly" is forbidden: x',
    reason: 'Forbidden',
    details: { name: 'nightly', group: 'batch', kind: 'cronjobs' },
    code: 403,
  });
});

test('NewInternalError wraps the message', () => {
  assert.deepEqual(internalErrorStatus('boom'), { metadata: {}, status: 'Failure', message: 'Internal error occurred: boom', reason: 'InternalError', details: { causes: [{ message: 'boom' }] }, code: 500 });
});

test('field error lists aggregate as Go does: duplicates dropped, brackets for several', () => {
  const e = { type: 'FieldValueInvalid' as const, field: 'f', badValue: 'v', detail: 'd' };
  assert.equal(aggregateFieldErrors([]), '');
  assert.equal(aggregateFieldErrors([e, e]), 'f: Invalid value: "v": d');
  assert.equal(aggregateFieldErrors([e, { type: 'FieldValueRequired', field: 'g', detail: '' }]), '[f: Invalid value: "v": d, g: Required value]');
});
