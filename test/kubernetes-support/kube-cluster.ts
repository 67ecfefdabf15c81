// A real API server for the tests: etcd and kube-apiserver (built by `npm run tools`) on
// 127.0.0.1 at free ports, with self-made certificates, static token users (an admin in
// system:masters and a user limited by RBAC) and the built-in PodSecurity admission plugin
// configured by an AdmissionConfiguration. stop() ends both processes and removes their files.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { selfSignedServing, serviceAccountKeys } from './certs';
import { KubeClient } from './kube-client';
import { tempDir } from '../support/temp-dir';
import { toolPath } from './tools';

export interface ClusterOptions {
  /** The built-in PodSecurity plugin's exemptions (its defaults are privileged:latest, as upstream's). */
  readonly podSecurity: { exemptNamespaces: readonly string[] };
  /** Record every list request (with its query: limit, continue) in `auditLog`. */
  readonly auditLists?: boolean;
  /** More plugin entries for the AdmissionConfiguration (a static manifests directory, say). */
  readonly admissionPlugins?: readonly Record<string, unknown>[];
  /** More kube-apiserver flags (feature gates). */
  readonly apiserverArgs?: readonly string[];
}

export interface Cluster {
  readonly server: string;
  readonly caFile: string;
  readonly caPem: string;
  readonly dir: string;
  readonly admin: KubeClient;
  readonly limited: KubeClient;
  /** kubeconfig files for kubectl and podguard */
  readonly adminKubeconfig: string;
  readonly limitedKubeconfig: string;
  readonly limitedUser: string;
  /** The API server's audit log (JSON lines) when `auditLists` was asked for. */
  readonly auditLog: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function waitFor(what: string, timeoutMs: number, probe: () => Promise<boolean>, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = async () => {
      const gone = exited();
      if (gone !== undefined) return reject(new Error(`${what} exited before it was ready: ${gone}`));
      if (await probe().catch(() => false)) return resolve();
      if (Date.now() > deadline) return reject(new Error(`${what} was not ready after ${timeoutMs / 1000}s`));
      setTimeout(tick, 250);
    };
    void tick();
  });
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

interface Started {
  readonly child: ChildProcess;
  exitReason(): string | undefined;
  stop(): Promise<void>;
}

function startProcess(name: string, command: string, args: string[], logFile: string): Started {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, args, {
    stdio: ['ignore', log, log],
    env: { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' },
  });
  fs.closeSync(log);
  let exit: string | undefined;
  child.on('exit', (code, signal) => {
    exit = `${name} exit code ${code} signal ${signal}; last log lines:\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n')}`;
  });
  return {
    child,
    exitReason: () => exit,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exit !== undefined || child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

function kubeconfig(server: string, caFile: string, user: string, token: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: { server, 'certificate-authority': caFile } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: 'test', context: { cluster: 'test', user } }],
    'current-context': 'test',
  });
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dir = tempDir('podguard-kube-');
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text, { mode: 0o600 });
    return p;
  };
  const serving = selfSignedServing('podguard-test-apiserver');
  const sa = serviceAccountKeys();
  const caFile = file('ca.crt', serving.cert);
  const keyFile = file('ca.key', serving.key);
  const saPub = file('sa.pub', sa.publicKey);
  const saKey = file('sa.key', sa.privateKey);
  const adminToken = `admin-${Math.random().toString(36).slice(2)}`;
  const limitedToken = `limited-${Math.random().toString(36).slice(2)}`;
  const limitedUser = 'auditor';
  // token,user,uid,"groups"  (kube-apiserver --token-auth-file)
  const tokens = file('tokens.csv', `${adminToken},admin,1,"system:masters"\n${limitedToken},${limitedUser},2,"auditors"\n`);
  const admission = file(
    'admission.yaml',
    JSON.stringify({
      apiVersion: 'apiserver.config.k8s.io/v1',
      kind: 'AdmissionConfiguration',
      plugins: [
        {
          name: 'PodSecurity',
          configuration: {
            apiVersion: 'pod-security.admission.config.k8s.io/v1',
            kind: 'PodSecurityConfiguration',
            defaults: {
              enforce: 'privileged',
              'enforce-version': 'latest',
              audit: 'privileged',
              'audit-version': 'latest',
              warn: 'privileged',
              'warn-version': 'latest',
            },
            exemptions: { usernames: [], runtimeClasses: [], namespaces: [...options.podSecurity.exemptNamespaces] },
          },
        },
        ...(options.admissionPlugins ?? []),
      ],
    }),
  );

  const auditLog = path.join(dir, 'audit.log');
  const auditArgs = options.auditLists
    ? [
        `--audit-policy-file=${file('audit-policy.json', JSON.stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', omitStages: ['RequestReceived'], rules: [{ level: 'Metadata', verbs: ['list'] }, { level: 'None' }] }))}`,
        `--audit-log-path=${auditLog}`,
      ]
    : [];
  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const etcd = startProcess(
    'etcd',
    toolPath('etcd'),
    [
      '--name=test',
      `--data-dir=${path.join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=test=http://127.0.0.1:${etcdPeer}`,
      '--log-level=warn',
      '--unsafe-no-fsync',
    ],
    path.join(dir, 'etcd.log'),
  );
  const stops: Started[] = [etcd];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s.stop();
  };
  try {
    await waitFor('etcd', 60_000, () => httpOk(`http://127.0.0.1:${etcdClient}/health`), etcd.exitReason);
    const apiserver = startProcess(
      'kube-apiserver',
      toolPath('kube-apiserver'),
      [
        `--etcd-servers=http://127.0.0.1:${etcdClient}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        '--advertise-address=127.0.0.1',
        `--tls-cert-file=${caFile}`,
        `--tls-private-key-file=${keyFile}`,
        `--client-ca-file=${caFile}`,
        `--token-auth-file=${tokens}`,
        '--authorization-mode=RBAC',
        `--service-account-issuer=https://kubernetes.default.svc`,
        `--service-account-key-file=${saPub}`,
        `--service-account-signing-key-file=${saKey}`,
        '--service-cluster-ip-range=10.0.0.0/24',
        // 127.0.0.1 may not be published as the kubernetes service endpoint: publish none.
        '--endpoint-reconciler-type=none',
        `--admission-control-config-file=${admission}`,
        // No controller-manager runs, so no service account is ever created: pods must not need one.
        '--disable-admission-plugins=ServiceAccount',
        // Privileged containers are what the checks are about: let validation pass them to admission.
        '--allow-privileged=true',
        `--cert-dir=${path.join(dir, 'certs')}`,
        '--profiling=false',
        '--v=0',
        ...auditArgs,
        ...(options.apiserverArgs ?? []),
      ],
      path.join(dir, 'kube-apiserver.log'),
    );
    stops.push(apiserver);
    const server = `https://127.0.0.1:${apiPort}`;
    const admin = new KubeClient(server, serving.cert, adminToken);
    await waitFor('kube-apiserver', 180_000, async () => (await admin.request('GET', '/readyz')).status === 200, apiserver.exitReason);
    return {
      server,
      caFile,
      caPem: serving.cert,
      dir,
      admin,
      limited: new KubeClient(server, serving.cert, limitedToken),
      adminKubeconfig: file('admin.kubeconfig', kubeconfig(server, caFile, 'admin', adminToken)),
      limitedKubeconfig: file('limited.kubeconfig', kubeconfig(server, caFile, limitedUser, limitedToken)),
      limitedUser,
      auditLog,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
