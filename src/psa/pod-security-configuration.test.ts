import assert from 'node:assert/strict';
import { test } from 'node:test';
import { podSecurityPluginEntry } from './admission-configuration';
import { validatePodSecurityConfiguration } from './pod-security-configuration';

const BASE = { apiVersion: 'pod-security.admission.config.k8s.io/v1', kind: 'PodSecurityConfiguration' };
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

test('unset or empty defaults are privileged:latest (SetDefaults_PodSecurityDefaults); exemptions become sets', () => {
  const r = validatePodSecurityConfiguration({
    ...BASE,
    defaults: { enforce: 'baseline', 'enforce-version': 'v1.29', warn: '' },
    exemptions: { usernames: ['ci'], namespaces: ['kube-system'], runtimeClasses: ['kata.io'] },
  });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.config.defaults, {
    enforce: { level: 'baseline', version: 'v1.29' },
    audit: { level: 'privileged', version: 'latest' },
    warn: { level: 'privileged', version: 'latest' },
  });
  assert.ok(r.config.exemptions.runtimeClasses.has('kata.io'));
  assert.ok(r.config.exemptions.usernames.has('ci'));
  for (const apiVersion of ['pod-security.admission.config.k8s.io/v1beta1', 'pod-security.admission.config.k8s.io/v1alpha1']) {
    assert.deepEqual(validatePodSecurityConfiguration({ ...BASE, apiVersion }).errors, [], apiVersion);
  }
});

test("validation errors are upstream's, in ValidatePodSecurityConfiguration's order, keyed by field path", () => {
  const r = validatePodSecurityConfiguration({
    ...BASE,
    defaults: { audit: 'x', enforce: 'strict', 'warn-version': 'v1', 'enforce-version': 'v1.x' },
    exemptions: { usernames: ['', 'u', 'u'], runtimeClasses: ['Kata'], namespaces: ['Kube-System', 'a', 'a', 'kube.system'] },
  });
  assert.deepEqual(
    r.errors.map((e) => [e.path.join('/'), e.message]),
    [
      ['defaults/enforce', 'defaults.enforce: Invalid value: "strict": must be one of privileged, baseline, restricted'],
      ['defaults/enforce-version', 'defaults.enforce-version: Invalid value: "v1.x": must be "latest" or "v1.x"'],
      ['defaults/warn-version', 'defaults.warn-version: Invalid value: "v1": must be "latest" or "v1.x"'],
      ['defaults/audit', 'defaults.audit: Invalid value: "x": must be one of privileged, baseline, restricted'],
      ['exemptions/namespaces/0', `exemptions.namespaces[0]: Invalid value: "Kube-System": ${LABEL_MESSAGE}`],
      ['exemptions/namespaces/2', 'exemptions.namespaces[2]: Duplicate value: "a"'],
      ['exemptions/namespaces/3', 'exemptions.namespaces[3]: Invalid value: "kube.system": must not contain dots'],
      ['exemptions/runtimeClasses/0', `exemptions.runtimeClasses[0]: Invalid value: "Kata": ${SUBDOMAIN_MESSAGE}`],
      ['exemptions/usernames/0', 'exemptions.usernames[0]: Required value'],
      ['exemptions/usernames/2', 'exemptions.usernames[2]: Duplicate value: "u"'],
    ],
  );
  // What is still usable takes effect; invalid values fall back to the defaults.
  assert.deepEqual(r.config.defaults.enforce, { level: 'privileged', version: 'latest' });
  assert.deepEqual([...r.config.exemptions.namespaces], ['a']);
});

test('names longer than Go allows (counted in UTF-8 bytes, as len() counts)', () => {
  const long = 'a'.repeat(64);
  const r = validatePodSecurityConfiguration({ ...BASE, exemptions: { namespaces: [long, 'é'.repeat(32)] } });
  assert.equal(r.errors[0]!.message, `exemptions.namespaces[0]: Invalid value: "${long}": must be no more than 63 characters`);
  assert.equal(r.errors[1]!.message, `exemptions.namespaces[1]: Invalid value: "${'é'.repeat(32)}": must be no more than 63 characters, ${LABEL_MESSAGE}`);
});

test('what the strict decoder refuses: type meta, unknown fields, wrong types', () => {
  const r = validatePodSecurityConfiguration({
    apiVersion: 'pod-security.admission.config.k8s.io/v2',
    kind: 'PodSecurityConfiguration',
    exemption: {},
    defaults: { enforce: 3, bogus: 'x' },
    exemptions: { namespaces: 'kube-system' },
  });
  assert.deepEqual(
    r.errors.map((e) => [e.path.join('/'), e.message, e.key === true]),
    [
      [
        'apiVersion',
        'apiVersion: Unsupported value: "pod-security.admission.config.k8s.io/v2": supported values: "pod-security.admission.config.k8s.io/v1", "pod-security.admission.config.k8s.io/v1beta1", "pod-security.admission.config.k8s.io/v1alpha1"',
        false,
      ],
      ['exemption', 'unknown field "exemption"', true],
      ['defaults/bogus', 'unknown field "defaults.bogus"', true],
      ['defaults/enforce', 'defaults.enforce: must be a string', false],
      ['exemptions/namespaces', 'exemptions.namespaces: must be a list of strings', false],
    ],
  );
  assert.deepEqual(
    validatePodSecurityConfiguration({ defaults: [] }).errors.map((e) => e.message),
    ['apiVersion: Required value', 'kind: Required value', 'defaults: must be a mapping'],
  );
  assert.deepEqual(
    validatePodSecurityConfiguration('x').errors.map((e) => e.message),
    ['a PodSecurityConfiguration must be a mapping'],
  );
});

test('the PodSecurity entry of an AdmissionConfiguration, inline or by path, located by its path', () => {
  const inline = { ...BASE, defaults: { enforce: 'baseline' } };
  assert.deepEqual(podSecurityPluginEntry({ kind: 'AdmissionConfiguration', plugins: [{ name: 'Other' }, { name: 'PodSecurity', configuration: inline }] }), {
    inline,
    at: ['plugins', 1, 'configuration'],
  });
  assert.deepEqual(podSecurityPluginEntry({ kind: 'AdmissionConfiguration', plugins: [{ name: 'PodSecurity', path: 'psa.yaml' }] }), {
    path: 'psa.yaml',
    at: ['plugins', 0, 'path'],
  });
  assert.deepEqual(podSecurityPluginEntry({ kind: 'AdmissionConfiguration', plugins: [] }), {
    error: 'plugins: no PodSecurity plugin configured',
    at: ['plugins'],
  });
  assert.deepEqual(podSecurityPluginEntry({ kind: 'AdmissionConfiguration', plugins: [{ name: 'PodSecurity' }] }), {
    error: 'plugins[0]: the PodSecurity plugin has neither configuration nor path',
    at: ['plugins', 0],
  });
  assert.equal(podSecurityPluginEntry(BASE), undefined);
});
