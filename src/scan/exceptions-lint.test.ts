// `exceptions lint`: unused, expired, unjustified, locked, unknown and unusable exceptions.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadSettings } from '../config/load';
import { parseDocuments } from '../sources/parse-documents';
import { ExceptionLinter } from './exceptions-lint';

const NOW = Date.UTC(2026, 5, 1);

const CONFIG = `lockedChecks: [privileged-container]
exceptions:
- id: agent
  namespace: monitoring
  checks: [host-pid]
  justification: node agent (SEC-1)
- id: stale
  namespace: gone
  checks: [host-pid]
  justification: the old agent
- id: old
  checks: [host-ipc]
  justification: legacy
  expires: 2026-01-31
- checks: [host-network]
  justification: ""
`;

const MANIFESTS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: monitoring
spec:
  template:
    metadata:
      annotations:
        exception.podguard.dev/privileged-container: "needs the devices"
        exception.podguard.dev/run-as-root-user: "vendor image"
        exception.podguard.dev/run-as-root-user.expires: "2026-03-01"
        exception.podguard.dev/no-such-check: "typo"
        exception.podguard.dev/host-ipc: ""
        exception.podguard.dev/seccomp-unconfined: "was needed once"
    spec:
      hostPID: true
      hostIPC: true
      securityContext: {runAsUser: 0}
      containers:
      - name: agent
        image: agent
        securityContext: {privileged: true}
`;

function lint() {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-lint-'));
  fs.writeFileSync(path.join(cwd, 'podguard.yaml'), CONFIG);
  const loaded = loadSettings({ cwd, level: 'privileged', now: NOW });
  const linter = new ExceptionLinter(loaded, NOW);
  for (const src of parseDocuments(MANIFESTS, 'k8s/agent.yaml').objects) linter.addObject(src);
  return linter.finish();
}

test('configured exceptions: missing justification, expired, matching nothing; a used one is fine', () => {
  const config = lint().filter((p) => p.source === 'config');
  assert.deepEqual(
    config.map((p) => [p.kind, p.id, p.line]),
    [
      ['no-justification', undefined, 16],
      ['unused', 'stale', 7],
      ['expired', 'old', 11],
    ],
  );
  assert.match(config[2]!.message, /expired 2026-01-31/);
});

test('annotation exceptions: locked, expired, unknown check, no justification, matching nothing; each at its line', () => {
  const annotations = lint().filter((p) => p.source === 'annotation');
  assert.deepEqual(
    annotations.map((p) => [p.kind, p.id, p.line, p.object]),
    [
      ['locked', 'exception.podguard.dev/privileged-container', 10, 'DaemonSet monitoring/agent'],
      ['expired', 'exception.podguard.dev/run-as-root-user', 11, 'DaemonSet monitoring/agent'],
      ['unknown-check', 'exception.podguard.dev/no-such-check', 13, 'DaemonSet monitoring/agent'],
      ['no-justification', 'exception.podguard.dev/host-ipc', 14, 'DaemonSet monitoring/agent'],
      ['unused', 'exception.podguard.dev/seccomp-unconfined', 15, 'DaemonSet monitoring/agent'],
    ],
  );
  assert.ok(annotations.every((p) => p.file === 'k8s/agent.yaml'));
});

test('ids the loader was told about (extraCheckIds, such as podguard rbac findings) are known checks', () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    exception.podguard.dev/rbac-exec-pods: "break-glass"\nspec:\n  containers: [{name: c, image: i}]\n';
  const unknown = (extraCheckIds?: readonly string[]) => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-lint-'));
    const linter = new ExceptionLinter(loadSettings({ cwd, now: NOW, ...(extraCheckIds ? { extraCheckIds } : {}) }), NOW);
    for (const src of parseDocuments(text, 'p.yaml').objects) linter.addObject(src);
    return linter.finish().filter((p) => p.kind === 'unknown-check').length;
  };
  assert.equal(unknown(), 1);
  assert.equal(unknown(['rbac-exec-pods']), 0);
});
