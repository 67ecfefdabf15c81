import assert from 'node:assert/strict';
import { test } from 'node:test';
import yaml from 'js-yaml';
import { locate, parsePath, recordPositions } from './positions';
import { K8S_SCHEMA } from './yaml-schema';

function load(text: string) {
  const rec = recordPositions();
  const value = yaml.load(text, { schema: K8S_SCHEMA, listener: rec.listener });
  return { value, rec, at: (path: string) => locate(rec.table, value, rec.rootLine(), path) };
}

const POD = `# comment
apiVersion: v1
kind: Pod
spec:
  hostNetwork:
    true
  containers:
  - name: a
    securityContext:
      privileged: true
  - {name: b, ports: [{containerPort: 1}, {containerPort: 2}]}
  - name: c

    image: x
`;

test('lines of keys, block and flow items (0-based)', () => {
  const { at, rec } = load(POD);
  assert.equal(rec.rootLine(), 1);
  assert.deepEqual(at('spec.hostNetwork'), { path: 'spec.hostNetwork', line: 4 });
  assert.deepEqual(at('spec.containers[0].securityContext.privileged'), { path: 'spec.containers[0].securityContext.privileged', line: 9 });
  assert.deepEqual(at('spec.containers[1].ports[1].containerPort'), { path: 'spec.containers[1].ports[1].containerPort', line: 10 });
  assert.deepEqual(at('spec.containers[2].image'), { path: 'spec.containers[2].image', line: 13 });
});

test('a missing field resolves to its nearest existing ancestor', () => {
  const { at } = load(POD);
  assert.deepEqual(at('spec.containers[2].securityContext.runAsNonRoot'), { path: 'spec.containers[2]', line: 11 });
  assert.deepEqual(at('spec.securityContext.seccompProfile'), { path: 'spec', line: 3 });
  assert.deepEqual(at('spec.containers[9]'), { path: 'spec.containers', line: 6 });
});

test('JSON documents have positions too', () => {
  const { at } = load('{\n  "spec": {\n    "hostPID": true\n  }\n}\n');
  assert.deepEqual(at('spec.hostPID'), { path: 'spec.hostPID', line: 2 });
});

test('merge keys fall back to the mapping line rather than a wrong one', () => {
  const { at } = load('base: &b {x: 1}\nspec:\n  <<: *b\n  y: 2\n');
  assert.equal(at('spec.y').line, 1);
});

test('quoted keys in paths', () => {
  assert.deepEqual(parsePath('metadata.annotations["a.b/c"]'), ['metadata', 'annotations', 'a.b/c']);
  const { at } = load('metadata:\n  annotations:\n    a.b/c: x\n');
  assert.deepEqual(at('metadata.annotations["a.b/c"]'), { path: 'metadata.annotations["a.b/c"]', line: 2 });
});
