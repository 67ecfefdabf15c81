// Builds a realistic benchmark corpus: pod-bearing objects of every kind, some hardened, some
// not, with comments, multi-document files and unrelated objects between them.

import fs from 'node:fs';
import path from 'node:path';

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod', 'PodTemplate'] as const;

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

function podSpec(i: number): string {
  const hardened = i % 3 === 0;
  const sc = hardened
    ? `securityContext:
  runAsNonRoot: true
  runAsUser: ${10000 + (i % 5000)}
  seccompProfile:
    type: RuntimeDefault
`
    : i % 3 === 1
      ? `securityContext:
  runAsUser: 0
`
      : '';
  const csc = hardened
    ? `    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities:
        drop: ["ALL"]
`
    : i % 7 === 0
      ? `    securityContext:
      privileged: true
      capabilities:
        add: ["NET_ADMIN"]
`
      : '';
  return `${sc}containers:
  # the application container
  - name: app-${i % 13}
    image: registry.example.com/team/app:${1 + (i % 9)}.${i % 17}.0
    args: ["--port", "8080", "--log-level", "info"]
    ports:
      - containerPort: 8080
        name: http
    env:
      - name: POD_NAME
        valueFrom:
          fieldRef:
            fieldPath: metadata.name
      - name: MODE
        value: "production"
    resources:
      requests: {cpu: 100m, memory: 128Mi}
      limits: {cpu: "1", memory: 512Mi}
    readinessProbe:
      httpGet: {path: /healthz, port: 8080}
${csc}  - name: sidecar
    image: registry.example.com/mesh/proxy:1.22
    ports: [{containerPort: 15001}]
${csc}volumes:
  - name: config
    configMap:
      name: app-config-${i % 50}
  - name: cache
    emptyDir: {}
`;
}

function template(i: number): string {
  return `metadata:
  labels:
    app: app-${i}
    tier: backend
spec:
${indent(podSpec(i), 2)}`;
}

export function object(i: number): string {
  const kind = KINDS[i % KINDS.length]!;
  const head = (api: string) => `apiVersion: ${api}
kind: ${kind}
metadata:
  name: ${kind.toLowerCase()}-${i}
  namespace: team-${i % 40}
  labels:
    app: app-${i}
  annotations:
    owner: "team-${i % 40}@example.com"
`;
  const selector = `selector:
  matchLabels:
    app: app-${i}
`;
  switch (kind) {
    case 'Pod':
      return `${head('v1')}spec:\n${indent(podSpec(i), 2)}`;
    case 'PodTemplate':
      return `${head('v1')}template:\n${indent(template(i), 2)}`;
    case 'ReplicationController':
      return `${head('v1')}spec:\n  replicas: 2\n  selector:\n    app: app-${i}\n  template:\n${indent(template(i), 4)}`;
    case 'Job':
      return `${head('batch/v1')}spec:\n  backoffLimit: 3\n  template:\n${indent(template(i).replace('spec:\n', 'spec:\n  restartPolicy: Never\n'), 4)}`;
    case 'CronJob':
      return `${head('batch/v1')}spec:\n  schedule: "*/15 * * * *"\n  jobTemplate:\n    spec:\n      template:\n${indent(template(i).replace('spec:\n', 'spec:\n  restartPolicy: OnFailure\n'), 8)}`;
    default:
      return `${head('apps/v1')}spec:\n  replicas: 3\n${indent(selector, 2)}  template:\n${indent(template(i), 4)}`;
  }
}

const SERVICE = (i: number) => `apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
spec:
  selector: {app: app-${i}}
  ports: [{port: 80, targetPort: 8080}]
`;

export interface Corpus {
  readonly dir: string;
  readonly files: string[];
  readonly podObjects: number;
  readonly bytes: number;
}

/**
 * Writes `smallFiles` files of `perFile` pod-bearing objects (plus a Service each) and one large
 * file of `largeCount` objects under `dir`.
 */
export function buildCorpus(dir: string, smallFiles: number, perFile: number, largeCount: number): Corpus {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'apps'), { recursive: true });
  const files: string[] = [];
  let n = 0;
  let bytes = 0;
  for (let f = 0; f < smallFiles; f++) {
    const docs: string[] = [`# app ${f}: rendered manifests\n${SERVICE(f)}`];
    for (let k = 0; k < perFile; k++) docs.push(object(n++));
    const file = path.join(dir, 'apps', `app-${String(f).padStart(5, '0')}.yaml`);
    const text = docs.join('---\n');
    fs.writeFileSync(file, text);
    bytes += text.length;
    files.push(file);
  }
  if (largeCount > 0) {
    const docs: string[] = [];
    for (let k = 0; k < largeCount; k++) docs.push(object(n++));
    const file = path.join(dir, 'all-in-one.yaml');
    const text = docs.join('---\n');
    fs.writeFileSync(file, text);
    bytes += text.length;
    files.push(file);
  }
  return { dir, files, podObjects: n, bytes };
}
