// `podguard serve` as a process for the real API server to call: certificates from
// `podguard certs`, 127.0.0.1 at a free port, namespaces and pods read from the cluster through
// --kubeconfig. stop() sends SIGTERM and waits for the drain.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { freePort } from './kube-cluster';
import { run } from './processes';
import { tempDir } from '../support/temp-dir';
import { PODGUARD } from './tools';

export interface PodguardServer {
  readonly url: string;
  readonly caBundle: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

function ready(url: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(`${url}/readyz`, { ca }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

export async function startPodguardServe(kubeconfig: string, extraArgs: readonly string[]): Promise<PodguardServer> {
  const dir = tempDir('podguard-serve-');
  const certs = await run(process.execPath, [PODGUARD, 'certs', '--out', path.join(dir, 'certs')]);
  if (certs.code !== 0) throw new Error(`podguard certs failed: ${certs.stderr}`);
  const caBundle = certs.stdout.trim();
  const port = await freePort();
  const logFile = path.join(dir, 'serve.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      PODGUARD,
      'serve',
      '--listen',
      `127.0.0.1:${port}`,
      '--tls-cert',
      path.join(dir, 'certs', 'tls.crt'),
      '--tls-key',
      path.join(dir, 'certs', 'tls.key'),
      '--kubeconfig',
      kubeconfig,
      '--shutdown-timeout',
      '2s',
      ...extraArgs,
    ],
    { stdio: ['ignore', log, log], env: { ...process.env, NO_PROXY: '127.0.0.1,localhost' } },
  );
  fs.closeSync(log);
  let exited: string | undefined;
  child.on('exit', (code) => (exited = `podguard serve exited with ${code}: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`));
  const url = `https://127.0.0.1:${port}`;
  const ca = fs.readFileSync(path.join(dir, 'certs', 'ca.crt'), 'utf8');
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited !== undefined) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 60_000;
  while (!(await ready(url, ca))) {
    if (exited !== undefined) throw new Error(exited);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`podguard serve was not ready after 60s: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, caBundle, logFile, stop };
}

/** Validating and mutating webhook configurations that send namespaces labelled `selector` to podguard. */
export function webhookConfigurations(
  name: string,
  server: PodguardServer,
  judged: Record<string, string>,
  mutated: Record<string, string>,
): { validating: unknown; mutating: unknown } {
  const common = {
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
    timeoutSeconds: 10,
    matchPolicy: 'Equivalent',
  };
  const clientConfig = (p: string) => ({ url: `${server.url}${p}`, caBundle: server.caBundle });
  const selector = { matchLabels: judged };
  return {
    validating: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name },
      webhooks: [
        {
          ...common,
          name: 'pod.validate.podguard.io',
          failurePolicy: 'Fail',
          namespaceSelector: selector,
          rules: [
            { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'pods/ephemeralcontainers'], scope: 'Namespaced' },
          ],
          clientConfig: clientConfig('/validate'),
        },
        {
          ...common,
          name: 'workload.validate.podguard.io',
          failurePolicy: 'Fail',
          namespaceSelector: selector,
          rules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['replicationcontrollers', 'podtemplates'],
              scope: 'Namespaced',
            },
            {
              apiGroups: ['apps'],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'],
              scope: 'Namespaced',
            },
            { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['jobs', 'cronjobs'], scope: 'Namespaced' },
          ],
          clientConfig: clientConfig('/validate'),
        },
        {
          ...common,
          name: 'namespace.validate.podguard.io',
          failurePolicy: 'Fail',
          // For a Namespace, the namespaceSelector matches the namespace's own labels.
          namespaceSelector: selector,
          rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['namespaces'], scope: 'Cluster' }],
          clientConfig: clientConfig('/validate'),
        },
      ],
    },
    mutating: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name },
      webhooks: [
        {
          ...common,
          name: 'pod.mutate.podguard.io',
          failurePolicy: 'Fail',
          reinvocationPolicy: 'Never',
          namespaceSelector: { matchLabels: mutated },
          rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'], scope: 'Namespaced' }],
          clientConfig: clientConfig('/mutate'),
        },
      ],
    },
  };
}
