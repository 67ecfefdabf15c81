import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateFieldErrors, fieldErrorString, fieldPathString } from './field-error';

test('field paths print as field.Path.String() does', () => {
  assert.equal(fieldPathString(['exemptions', 'namespaces', 0]), 'exemptions.namespaces[0]');
  assert.equal(fieldPathString(['defaults', 'enforce-version']), 'defaults.enforce-version');
  assert.equal(fieldPathString([]), '');
});

test('NotSupported lists the supported values after the bad one', () => {
  assert.equal(
    fieldErrorString({ type: 'FieldValueNotSupported', field: 'kind', badValue: 'Pod', detail: 'supported values: "PodSecurityConfiguration"' }),
    'kind: Unsupported value: "Pod": supported values: "PodSecurityConfiguration"',
  );
});

test('field error lists aggregate as Go does: duplicates dropped, brackets for several', () => {
  const e = { type: 'FieldValueInvalid' as const, field: 'f', badValue: 'v', detail: 'd' };
  assert.equal(aggregateFieldErrors([]), '');
  assert.equal(aggregateFieldErrors([e, e]), 'f: Invalid value: "v": d');
  assert.equal(aggregateFieldErrors([e, { type: 'FieldValueRequired', field: 'g', detail: '' }]), '[f: Invalid value: "v": d, g: Required value]');
});
