import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyChange, sameData, type Change } from './change';
import { jsonPointer, toJsonPatch, type JsonPatchOp } from './json-patch';

/** RFC 6902 add, replace and remove, applied strictly (a missing parent or target is an error). */
function applyPatch(doc: unknown, ops: readonly JsonPatchOp[]): unknown {
  const out = structuredClone(doc);
  for (const op of ops) {
    const steps = op.path
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = steps.pop()!;
    let parent = out as Record<string, unknown> | unknown[];
    for (const s of steps) {
      const next = Array.isArray(parent) ? parent[Number(s)] : parent[s];
      assert.ok(next !== null && typeof next === 'object', `${op.path}: parent missing`);
      parent = next as Record<string, unknown>;
    }
    if (Array.isArray(parent)) {
      if (op.op === 'add') parent.splice(last === '-' ? parent.length : Number(last), 0, structuredClone(op.value));
      else if (op.op === 'replace') parent[Number(last)] = structuredClone(op.value);
      else parent.splice(Number(last), 1);
    } else {
      if (op.op !== 'add') assert.ok(Object.prototype.hasOwnProperty.call(parent, last), `${op.path}: target missing`);
      if (op.op === 'remove') delete parent[last];
      else parent[last] = structuredClone(op.value);
    }
  }
  return out;
}

const POD = {
  metadata: { annotations: { 'a.b/c': 'x' } },
  spec: {
    securityContext: null,
    containers: [{ name: 'c', securityContext: { capabilities: { add: ['A', 'B', 'C'] } }, ports: [{ containerPort: 1, hostPort: 1 }] }],
    volumes: [{ name: 'v', hostPath: { path: '/x' } }],
  },
};

const CHANGES: Change[] = [
  { op: 'set', path: 'spec.securityContext.seccompProfile.type', value: 'RuntimeDefault' },
  { op: 'set', path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', value: false },
  { op: 'set', path: 'spec.containers[0].resources.limits.cpu', value: '1' },
  { op: 'set', path: 'metadata.annotations["a.b/c"]', value: 'y' },
  { op: 'append', path: 'spec.containers[0].securityContext.capabilities.drop', value: 'ALL' },
  { op: 'append', path: 'spec.containers[0].securityContext.capabilities.add', value: 'D' },
  { op: 'remove', path: 'spec.containers[0].securityContext.capabilities.add[2]' },
  { op: 'remove', path: 'spec.containers[0].securityContext.capabilities.add[0]' },
  { op: 'remove', path: 'spec.containers[0].ports[0].hostPort' },
  { op: 'remove', path: 'spec.nothing.here' },
  { op: 'replaceEntry', path: 'spec.volumes[0].hostPath', key: 'emptyDir', value: {} },
];

test('each change as JSON patch operations does what the change does, one after another', () => {
  const byChanges = structuredClone(POD) as Record<string, unknown>;
  let byPatch: unknown = structuredClone(POD);
  for (const change of CHANGES) {
    byPatch = applyPatch(byPatch, toJsonPatch(byChanges, change));
    applyChange(byChanges, change);
    assert.ok(sameData(byPatch, byChanges), JSON.stringify(change));
  }
  assert.deepEqual((byChanges['spec'] as { containers: { securityContext: unknown }[] }).containers[0]!.securityContext, {
    allowPrivilegeEscalation: false,
    capabilities: { add: ['B', 'D'], drop: ['ALL'] },
  });
});

test('operations: add at the first missing key, replace a null parent, append with /-', () => {
  assert.deepEqual(toJsonPatch(POD, CHANGES[0]!), [{ op: 'replace', path: '/spec/securityContext', value: { seccompProfile: { type: 'RuntimeDefault' } } }]);
  assert.deepEqual(toJsonPatch(POD, CHANGES[1]!), [{ op: 'add', path: '/spec/containers/0/securityContext/allowPrivilegeEscalation', value: false }]);
  assert.deepEqual(toJsonPatch(POD, CHANGES[5]!), [{ op: 'add', path: '/spec/containers/0/securityContext/capabilities/add/-', value: 'D' }]);
  assert.deepEqual(toJsonPatch(POD, CHANGES[9]!), []);
  assert.equal(jsonPointer(['metadata', 'annotations', 'a.b/c~d']), '/metadata/annotations/a.b~1c~0d');
});
