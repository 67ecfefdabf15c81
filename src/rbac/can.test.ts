import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestFor } from './can';

const q = (resource: string, extra: object = {}) => requestFor({ subject: 'u', groups: [], verb: 'get', resource, ...extra });

test('RESOURCE is read as kubectl reads it: TYPE[.GROUP][/NAME], short names, cluster-scoped types without namespace', () => {
  assert.deepEqual(q('pods'), { verb: 'get', namespace: 'default', apiGroup: '', resource: 'pods', subresource: '', name: '' });
  assert.deepEqual(q('deploy/web', { namespace: 'shop', subresource: 'scale' }), {
    verb: 'get',
    namespace: 'shop',
    apiGroup: 'apps',
    resource: 'deployments',
    subresource: 'scale',
    name: 'web',
  });
  assert.deepEqual(q('jobs.batch/bar', { namespace: 'foo' }), {
    verb: 'get',
    namespace: 'foo',
    apiGroup: 'batch',
    resource: 'jobs',
    subresource: '',
    name: 'bar',
  });
  // kubectl keeps the namespace of a cluster-scoped type and only warns (cani.go)
  assert.deepEqual(q('nodes/n1', { namespace: 'x', subresource: 'proxy' }), {
    verb: 'get',
    namespace: 'x',
    apiGroup: '',
    resource: 'nodes',
    subresource: 'proxy',
    name: 'n1',
    warnings: ["resource 'nodes' is not namespace scoped"],
  });
  assert.deepEqual(q('Namespaces/prod', { allNamespaces: true }), {
    verb: 'get',
    namespace: '',
    apiGroup: '',
    resource: 'namespaces',
    subresource: '',
    name: 'prod',
  });
  assert.deepEqual(q('*'), { verb: 'get', namespace: 'default', apiGroup: '', resource: '*', subresource: '', name: '' });
  assert.deepEqual(q('widgets.example.com', { allNamespaces: true }), {
    verb: 'get',
    namespace: '',
    apiGroup: 'example.com',
    resource: 'widgets',
    subresource: '',
    name: '',
  });
  assert.deepEqual(q('/healthz'), { verb: 'get', path: '/healthz' });
});

test('a type unknown without discovery is asked for as kubectl would, with its warning; bad arguments are clear errors', () => {
  assert.deepEqual(q('widgets'), {
    verb: 'get',
    namespace: 'default',
    apiGroup: '',
    resource: 'widgets',
    subresource: '',
    name: '',
    warnings: ["the server doesn't have a resource type 'widgets' (podguard reads no discovery: name the group as TYPE.GROUP for a custom resource)"],
  });
  assert.throws(() => q('/healthz', { subresource: 'x' }), /non-resource URL/);
  assert.throws(() => q(''), /no resource type/);
});
