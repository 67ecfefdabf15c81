import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PolicyRule } from './model';
import { describeRequest, nonResourceURLMatches, resourceMatches, ruleAllows } from './rule-matches';

const rule = (r: Partial<PolicyRule>): PolicyRule => ({ verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...r });
const req = (verb: string, apiGroup: string, resource: string, subresource = '', name = '', namespace = 'ns') => ({
  verb,
  apiGroup,
  resource,
  subresource,
  name,
  namespace,
});

test('verbs, groups and resources match exactly or by "*" (evaluation_helpers.go)', () => {
  const r = rule({ verbs: ['get', 'list'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments'] });
  assert.equal(ruleAllows(req('get', '', 'pods'), r), true);
  assert.equal(ruleAllows(req('list', 'apps', 'deployments'), r), true);
  assert.equal(ruleAllows(req('watch', '', 'pods'), r), false);
  assert.equal(ruleAllows(req('get', 'batch', 'pods'), r), false);
  assert.equal(ruleAllows(req('get', '', 'Pods'), r), false, 'case matters');
  assert.equal(ruleAllows(req('get', 'extensions', 'anything'), rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })), true);
});

test('a subresource needs resource/subresource or */subresource; a plain resource does not cover its subresources', () => {
  assert.equal(resourceMatches(rule({ resources: ['pods'] }), 'pods/exec', 'exec'), false);
  assert.equal(resourceMatches(rule({ resources: ['pods/exec'] }), 'pods/exec', 'exec'), true);
  assert.equal(resourceMatches(rule({ resources: ['*/exec'] }), 'pods/exec', 'exec'), true);
  assert.equal(resourceMatches(rule({ resources: ['*/exec'] }), 'pods', ''), false);
  assert.equal(resourceMatches(rule({ resources: ['*/scale'] }), 'deployments/status', 'status'), false);
  // len(rule) == len(sub)+2 guards against `*/xstatus` matching `status`
  assert.equal(resourceMatches(rule({ resources: ['*/xstatus'] }), 'pods/status', 'status'), false);
  assert.equal(resourceMatches(rule({ resources: ['*'] }), 'pods/exec', 'exec'), true);
});

test('resourceNames restrict to named requests: a request without a name (list, create) does not match', () => {
  const r = rule({ verbs: ['get', 'create'], apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'] });
  assert.equal(ruleAllows(req('get', '', 'secrets', '', 'tls'), r), true);
  assert.equal(ruleAllows(req('get', '', 'secrets', '', 'other'), r), false);
  assert.equal(ruleAllows(req('create', '', 'secrets'), r), false);
});

test('non-resource URLs: exact, "*", or a prefix before trailing stars (all of them trimmed)', () => {
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['/healthz'] }), '/healthz'), true);
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['/healthz'] }), '/healthz/ready'), false);
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['/healthz/*'] }), '/healthz/ready'), true);
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['/healthz/*'] }), '/healthz'), false);
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['/api**'] }), '/apis'), true);
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['*'] }), '/anything'), true);
  // a resource rule never allows a non-resource request, and the reverse
  assert.equal(ruleAllows({ verb: 'get', path: '/healthz' }, rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })), false);
  assert.equal(ruleAllows(req('get', '', 'pods'), rule({ verbs: ['*'], nonResourceURLs: ['*'] })), false);
});

test('requests in words', () => {
  assert.equal(describeRequest(req('create', 'apps', 'deployments', 'scale', 'web')), 'create deployments.apps/scale "web"');
  assert.equal(describeRequest({ verb: 'get', path: '/metrics' }), 'get /metrics');
});
