import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isExemptNamespace, isExemptRuntimeClass, isExemptUser, mergeExemptions, NO_EXEMPTIONS } from './exemptions';

test('exempt names match exactly; an empty or missing name is never exempt (admission.go exempt*)', () => {
  const e = { usernames: new Set(['', 'ci']), namespaces: new Set(['', 'kube-system']), runtimeClasses: new Set(['', 'kata']) };
  assert.equal(isExemptNamespace(e, 'kube-system'), true);
  assert.equal(isExemptNamespace(e, 'Kube-System'), false);
  assert.equal(isExemptNamespace(e, ''), false);
  assert.equal(isExemptNamespace(e, undefined), false);
  assert.equal(isExemptUser(e, 'ci'), true);
  assert.equal(isExemptUser(e, ''), false);
  assert.equal(isExemptUser(e, 7), false);
  assert.equal(isExemptRuntimeClass(e, 'kata'), true);
  assert.equal(isExemptRuntimeClass(e, ''), false);
  assert.equal(isExemptRuntimeClass(e, null), false);
});

test('merged exemptions hold both sides; NO_EXEMPTIONS is left alone', () => {
  const m = mergeExemptions({ ...NO_EXEMPTIONS, namespaces: new Set(['a']) }, { ...NO_EXEMPTIONS, namespaces: new Set(['b']), usernames: new Set(['u']) });
  assert.deepEqual([[...m.namespaces], [...m.usernames], [...m.runtimeClasses]], [['a', 'b'], ['u'], []]);
  assert.equal(NO_EXEMPTIONS.namespaces.size, 0);
});
