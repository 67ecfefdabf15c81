import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromAdmissionConfiguration, podSecurityConfigFrom } from './pod-security-config';

const BASE = { apiVersion: 'pod-security.admission.config.k8s.io/v1', kind: 'PodSecurityConfiguration' };

test('unset defaults are privileged:latest; exemptions become sets', () => {
  const r = podSecurityConfigFrom({ ...BASE, defaults: { enforce: 'baseline', 'enforce-version': 'v1.29' }, exemptions: { usernames: ['ci'], namespaces: ['kube-system'], runtimeClasses: ['kata.io'] } });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.config!.defaults, { enforce: { level: 'baseline', version: 'v1.29' }, audit: { level: 'privileged', version: 'latest' }, warn: { level: 'privileged', version: 'latest' } });
  assert.ok(r.config!.exemptions.runtimeClasses.has('kata.io'));
});

test('every problem is reported, in upstream\'s words', () => {
  const r = podSecurityConfigFrom({
    ...BASE,
    apiVersion: 'pod-security.admission.config.k8s.io/v2',
    defaults: { enforce: 'strict', 'warn-version': 'v1' },
    exemptions: { namespaces: ['Kube-System', 'a', 'a'], usernames: [''] },
    exemption: {},
  });
  assert.equal(r.config, undefined);
  assert.deepEqual(r.errors, [
    'apiVersion must be one of pod-security.admission.config.k8s.io/v1, pod-security.admission.config.k8s.io/v1beta1, pod-security.admission.config.k8s.io/v1alpha1 (found "pod-security.admission.config.k8s.io/v2")',
    'unknown field "exemption"',
    'defaults.enforce: Invalid value: "strict": must be one of privileged, baseline, restricted',
    'defaults.warn-version: Invalid value: "v1": must be "latest" or "v1.x"',
    "exemptions.namespaces[0]: Invalid value: \"Kube-System\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    'exemptions.namespaces[2]: Duplicate value: "a"',
    'exemptions.usernames[0]: Required value',
  ]);
});

test('the PodSecurity entry of an AdmissionConfiguration, inline or by path', () => {
  const inline = { ...BASE, defaults: { enforce: 'baseline' } };
  assert.deepEqual(fromAdmissionConfiguration({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'AdmissionConfiguration', plugins: [{ name: 'Other' }, { name: 'PodSecurity', configuration: inline }] }), { inline });
  assert.deepEqual(fromAdmissionConfiguration({ kind: 'AdmissionConfiguration', plugins: [{ name: 'PodSecurity', path: 'psa.yaml' }] }), { path: 'psa.yaml' });
  assert.match(fromAdmissionConfiguration({ kind: 'AdmissionConfiguration', plugins: [] })!.error!, /no PodSecurity plugin/);
  assert.equal(fromAdmissionConfiguration(BASE), undefined);
});
