// Manifests and a configuration shared by the output-format and CLI tests: a workload with PSS
// violations and policy findings, one the configuration excepts, one excepted by annotation,
// and a broken document.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const INSECURE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web & <api>
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
        securityContext:
          privileged: true
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: monitoring
spec:
  template:
    metadata:
      annotations:
        exception.podguard.dev/hostNamespaces: "reads node process metrics (SEC-7)"
    spec:
      hostPID: true
      securityContext:
        seccompProfile: {type: RuntimeDefault}
      containers:
      - name: agent
        image: agent
        securityContext:
          allowPrivilegeEscalation: false
          capabilities: {drop: [ALL]}
      volumes:
      - name: sock
        hostPath: {path: /run/containerd/containerd.sock}
---
apiVersion: v1
kind: Pod
metadata: {name: [broken
`;

export const CONFIG = `exceptions:
- id: agent-socket
  namespace: monitoring
  kind: DaemonSet
  name: node-agent
  checks: [container-runtime-socket]
  justification: the agent lists containers (SEC-8)
  expires: 2999-12-31
`;

/** A temporary directory with k8s/insecure.yaml and podguard.yaml; returns its path. */
export function workspace(files: Record<string, string> = { 'k8s/insecure.yaml': INSECURE, 'podguard.yaml': CONFIG }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-policies-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
