import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forbiddenStatus, internalErrorStatus } from './api-status';

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
  assert.deepEqual(internalErrorStatus('boom'), {
    metadata: {},
    status: 'Failure',
    message: 'Internal error occurred: boom',
    reason: 'InternalError',
    details: { causes: [{ message: 'boom' }] },
    code: 500,
  });
});
