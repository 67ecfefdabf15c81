// podguard's RBAC authorizer against the real one: random RBAC sets (test/rbac/generate-rbac.ts)
// are applied to a real kube-apiserver, with kube-controller-manager running only its
// clusterrole-aggregation controller, then every question of a sample (subject × verb × resource
// × namespace, and non-resource URLs) is asked as a SubjectAccessReview and answered by podguard
// from a dump of the cluster's RBAC objects in which the aggregated ClusterRoles' rules are
// erased (so podguard must aggregate them itself). The answers must be identical; so must the
// aggregated rules. A few questions also go through the CLI (`podguard rbac can`). Prints
// `rbac-sar: N/N identical`.
//
// The cluster comes from the real-Kubernetes harness (test/kubernetes-support); without the
// binaries of `npm run tools` the test skips and says why.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { aggregateClusterRoles } from '../../src/rbac/aggregate';
import { can, CanArgumentError, requestFor } from '../../src/rbac/can';
import { loadRbac } from '../../src/rbac/load';
import type { PolicyRule } from '../../src/rbac/model';
import type { RequestAttributes } from '../../src/rbac/rule-matches';
import { impersonatedUser } from '../../src/rbac/subjects';
import { resolveInputs } from '../../src/sources/inputs';
import { startCluster } from '../kubernetes-support/kube-cluster';
import { Random, seeds } from '../support/random';
import { generateRbacSet, NAMESPACES, questions, targetedQuestions, type Question, type RandomSource } from '../rbac/generate-rbac';

const REPO = path.join(__dirname, '..', '..', '..');
const BIN = path.join(REPO, '.tools', 'bin');
const QUESTIONS_PER_SET = 400;
const CLI_QUESTIONS = 12;

/** The parts of the harness this test uses, as it uses them. */
interface KubeClient {
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  must(method: string, path: string, body?: unknown): Promise<any>;
  close(): void;
}
interface Cluster {
  readonly admin: KubeClient;
  readonly adminKubeconfig: string;
  readonly dir: string;
  stop(): Promise<void>;
}
interface Harness {
  startCluster(o: { podSecurity: { exemptNamespaces: readonly string[] } }): Promise<Cluster>;
  Random: new (seed: number) => RandomSource;
  seeds(fixed: number): { fixed: number; perRun: number };
}

function harness(): Harness | string {
  const tools = ['etcd', 'kube-apiserver', 'kube-controller-manager'].filter((t) => {
    try {
      fs.accessSync(path.join(BIN, t), fs.constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  if (tools.length) return `${tools.join(', ')} not built in .tools/bin: run "npm run tools" (needs Go and the module proxy)`;
  return { startCluster: startCluster as Harness['startCluster'], Random, seeds };
}

/** kube-controller-manager with only the clusterrole-aggregation controller, serving nothing. */
function startAggregationController(kubeconfig: string, logFile: string): { child: ChildProcess; stop(): Promise<void>; exited(): string | undefined } {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    path.join(BIN, 'kube-controller-manager'),
    [
      `--kubeconfig=${kubeconfig}`,
      '--controllers=clusterrole-aggregation-controller',
      '--leader-elect=false',
      '--secure-port=0',
      '--use-service-account-credentials=false',
      '--v=1',
    ],
    { stdio: ['ignore', log, log], env: { ...process.env, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' } },
  );
  fs.closeSync(log);
  let exit: string | undefined;
  child.on('exit', (code, signal) => {
    exit = `kube-controller-manager exited (code ${code}, signal ${signal}): ${fs.readFileSync(logFile, 'utf8').split('\n').slice(-10).join('\n')}`;
  });
  return {
    child,
    exited: () => exit,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exit !== undefined) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

const LISTS: [string, string, string][] = [
  ['/apis/rbac.authorization.k8s.io/v1/clusterroles', 'rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ['/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', 'rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['/apis/rbac.authorization.k8s.io/v1/roles', 'rbac.authorization.k8s.io/v1', 'Role'],
  ['/apis/rbac.authorization.k8s.io/v1/rolebindings', 'rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['/api/v1/namespaces', 'v1', 'Namespace'],
];

async function dump(admin: KubeClient): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  for (const [p, apiVersion, kind] of LISTS) {
    const list = await admin.must('GET', p);
    for (const item of list.items as Record<string, any>[]) items.push({ apiVersion, kind, ...item });
  }
  return items;
}

function ruleKey(r: Partial<Record<keyof PolicyRule, readonly string[]>>): string {
  return JSON.stringify([r.verbs ?? [], r.apiGroups ?? [], r.resources ?? [], r.resourceNames ?? [], r.nonResourceURLs ?? []]);
}

/** Aggregated ClusterRoles whose rules on the server differ (as sets) from podguard's. */
function aggregationDifferences(items: readonly Record<string, any>[]): string[] {
  const roles = items
    .filter((i) => i['kind'] === 'ClusterRole')
    .map((i) => ({
      kind: 'ClusterRole' as const,
      name: i['metadata'].name as string,
      labels: (i['metadata'].labels ?? {}) as Record<string, string>,
      rules: ((i['rules'] ?? []) as any[]).map((r) => ({
        verbs: r.verbs ?? [],
        apiGroups: r.apiGroups ?? [],
        resources: r.resources ?? [],
        resourceNames: r.resourceNames ?? [],
        nonResourceURLs: r.nonResourceURLs ?? [],
      })),
      ...(i['aggregationRule']
        ? {
            aggregationRule: {
              clusterRoleSelectors: ((i['aggregationRule'].clusterRoleSelectors ?? []) as any[]).map((s) => ({
                matchLabels: s.matchLabels ?? {},
                matchExpressions: (s.matchExpressions ?? []).map((e: any) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })),
              })),
            },
          }
        : {}),
      source: { file: 'cluster', line: 0 },
    }));
  const computed = aggregateClusterRoles(roles);
  const out: string[] = [];
  for (const r of roles) {
    if (!r.aggregationRule) continue;
    const server = new Set(r.rules.map(ruleKey));
    const ours = new Set(computed.get(r.name)!.map(ruleKey));
    if (server.size !== ours.size || [...server].some((k) => !ours.has(k))) out.push(`${r.name}: server ${server.size} rules, podguard ${ours.size}`);
  }
  return out;
}

function sarBody(q: Question): object {
  const spec: Record<string, unknown> = { user: q.user, groups: q.groups };
  if (q.resource)
    spec['resourceAttributes'] = {
      namespace: q.resource.namespace,
      verb: q.resource.verb,
      group: q.resource.group,
      resource: q.resource.resource,
      subresource: q.resource.subresource,
      name: q.resource.name,
    };
  else spec['nonResourceAttributes'] = q.nonResource;
  return { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec };
}

function attributes(q: Question): RequestAttributes {
  if (q.nonResource) return q.nonResource;
  const r = q.resource!;
  return { verb: r.verb, namespace: r.namespace, apiGroup: r.group, resource: r.resource, subresource: r.subresource, name: r.name };
}

function describeQuestion(q: Question): string {
  return `${q.user} [${q.groups.join(',')}] ${JSON.stringify(q.resource ?? q.nonResource)}`;
}

async function pool<T, R>(items: readonly T[], width: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

const loaded = harness();

test(
  "podguard rbac can equals the API server's SubjectAccessReview for generated RBAC sets, aggregation included",
  { skip: typeof loaded === 'string' ? loaded : false, timeout: 480_000 },
  async (t) => {
    const h = loaded as Harness;
    const cluster = await h.startCluster({ podSecurity: { exemptNamespaces: [] } });
    t.after(() => cluster.stop());
    const controller = startAggregationController(cluster.adminKubeconfig, path.join(cluster.dir, 'kube-controller-manager.log'));
    t.after(() => controller.stop());
    const admin = cluster.admin;
    t.after(() => admin.close());

    for (const ns of NAMESPACES) await admin.must('POST', '/api/v1/namespaces', { metadata: { name: ns } });
    const { fixed, perRun } = h.seeds(16);
    const seedList = [fixed, fixed + 1, fixed + 2, perRun];
    const asked: Question[] = [];
    for (const [i, seed] of seedList.entries()) {
      const r = new h.Random(seed);
      const set = generateRbacSet(r, `s${i}`);
      for (const o of set.objects) {
        const kind = o['kind'] as string;
        const meta = o['metadata'] as { namespace?: string };
        const plural = `${kind.toLowerCase()}s`;
        const p = meta.namespace ? `/apis/rbac.authorization.k8s.io/v1/namespaces/${meta.namespace}/${plural}` : `/apis/rbac.authorization.k8s.io/v1/${plural}`;
        await admin.must('POST', p, o);
      }
      asked.push(...questions(r, QUESTIONS_PER_SET / 2), ...targetedQuestions(r, set, QUESTIONS_PER_SET / 2));
    }

    // Wait for the aggregation controller to settle on the rules podguard computes (or time out).
    let items: Record<string, any>[] = [];
    let differences: string[] = [];
    const deadline = Date.now() + 90_000;
    for (;;) {
      assert.equal(controller.exited(), undefined);
      items = await dump(admin);
      differences = aggregationDifferences(items);
      if (differences.length === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const aggregated = items.filter((i) => i['kind'] === 'ClusterRole' && i['aggregationRule']);
    const filledByController = aggregated.filter((i) => (i['rules'] ?? []).length > 0).length;
    console.log(
      `rbac-sar: aggregation: ${aggregated.length - differences.length}/${aggregated.length} aggregated ClusterRoles identical (${filledByController} filled by the controller)`,
    );
    assert.deepEqual(differences, [], 'aggregated rules differ');
    // The controller really ran: the built-in admin, edit and view roles are aggregated by it alone.
    assert.ok(filledByController >= 3, 'kube-controller-manager aggregated nothing');

    // podguard reads the dump from a file, with the aggregated rules erased.
    const file = path.join(cluster.dir, 'rbac-dump.json');
    const erased = items.map((i) => (i['kind'] === 'ClusterRole' && i['aggregationRule'] ? { ...i, rules: [] } : i));
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: erased }));
    const rbac = await loadRbac(resolveInputs([file], []));
    assert.deepEqual(rbac.errors, []);

    const server = await pool(asked, 8, async (q) => {
      const res = await admin.must('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', sarBody(q));
      return { allowed: res.status.allowed === true, reason: String(res.status.reason ?? '') };
    });
    const mismatches: string[] = [];
    let allowed = 0;
    asked.forEach((q, i) => {
      const ours = rbac.authorizer.authorize({ name: q.user, groups: q.groups }, attributes(q));
      if (ours.allowed) allowed++;
      if (ours.allowed !== server[i]!.allowed)
        mismatches.push(`${describeQuestion(q)}: server ${server[i]!.allowed} (${server[i]!.reason}), podguard ${ours.allowed} (${ours.reason})`);
      // When both allow, upstream's reason names one of the bindings podguard found.
      else if (ours.allowed && server[i]!.reason.startsWith('RBAC: allowed by ')) {
        const named = server[i]!.reason;
        assert.ok(
          ours.grants.some((g) => named.includes(`"${g.binding.kind === 'RoleBinding' ? `${g.binding.name}/${g.binding.namespace}` : g.binding.name}"`)),
          `${describeQuestion(q)}: the server names ${named}; podguard found ${ours.grants.map((g) => g.binding.name).join(', ')}`,
        );
      }
    });
    console.log(
      `rbac-sar: ${asked.length - mismatches.length}/${asked.length} identical (${allowed} allowed, ${asked.length - allowed} denied; seeds ${seedList.join(', ')}; PODGUARD_SEED=${perRun} replays)`,
    );
    assert.deepEqual(mismatches.slice(0, 20), []);

    // The same through the command line: questions whose kubectl-style arguments make the same request.
    const cliQuestions = asked
      .filter((q) => {
        const user = impersonatedUser(q.user, q.groups);
        if (user.groups.length !== q.groups.length) return false;
        if (q.nonResource) return q.nonResource.path.startsWith('/');
        const r = q.resource!;
        let asks: RequestAttributes;
        try {
          asks = requestFor({
            subject: q.user,
            groups: q.groups,
            verb: r.verb,
            resource: `${r.resource}.${r.group}${r.name ? `/${r.name}` : ''}`.replace(/\.(?=\/|$)/, ''),
            ...(r.subresource ? { subresource: r.subresource } : {}),
            ...(r.namespace ? { namespace: r.namespace } : { allNamespaces: true }),
          });
        } catch (e) {
          if (e instanceof CanArgumentError) return false; // a core-group type podguard does not know: kubectl would need discovery
          throw e;
        }
        delete (asks as { warnings?: string[] }).warnings;
        return JSON.stringify(asks) === JSON.stringify(attributes(q));
      })
      .slice(0, CLI_QUESTIONS);
    let cliSame = 0;
    for (const q of cliQuestions) {
      const r = q.resource;
      const args = [
        'bin/podguard.js',
        'rbac',
        'can',
        q.user,
        r ? r.verb : q.nonResource!.verb,
        r ? `${r.resource}.${r.group}${r.name ? `/${r.name}` : ''}`.replace(/\.(?=\/|$)/, '') : q.nonResource!.path,
      ];
      if (r?.subresource) args.push('--subresource', r.subresource);
      if (r) args.push(...(r.namespace ? ['-n', r.namespace] : ['-A']));
      for (const g of q.groups) args.push('--group', g);
      args.push(file);
      const code = await new Promise<number | null>((resolve) => spawn(process.execPath, args, { cwd: REPO, stdio: 'ignore' }).on('exit', resolve));
      const expected = server[asked.indexOf(q)]!.allowed ? 0 : 1;
      if (code === expected) cliSame++;
      else mismatches.push(`CLI ${args.slice(1).join(' ')}: exit ${code}, expected ${expected}`);
      // and the library's `can` agrees with the authorizer it wraps
      const viaCan = can(rbac.authorizer, {
        subject: q.user,
        groups: q.groups,
        verb: r ? r.verb : q.nonResource!.verb,
        resource: r ? `${r.resource}.${r.group}${r.name ? `/${r.name}` : ''}`.replace(/\.(?=\/|$)/, '') : q.nonResource!.path,
        ...(r?.subresource ? { subresource: r.subresource } : {}),
        ...(r ? (r.namespace ? { namespace: r.namespace } : { allNamespaces: true }) : {}),
      });
      assert.equal(viaCan.decision.allowed, expected === 0);
    }
    console.log(`rbac-sar: CLI ${cliSame}/${cliQuestions.length} identical`);

    // podguard rbac --cluster reads the same objects from the API server: the same findings as from the file.
    const key = (f: { id: string; subject: object; binding: { kind: string; namespace?: string; name: string }; namespace?: string }) =>
      JSON.stringify([f.id, f.subject, f.binding.kind, f.binding.namespace, f.binding.name, f.namespace]);
    const findingsOf = async (args: string[]) => {
      const child = spawn(process.execPath, ['bin/podguard.js', 'rbac', ...args, '-o', 'json'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      const errs: Buffer[] = [];
      child.stdout!.on('data', (b: Buffer) => chunks.push(b));
      child.stderr!.on('data', (b: Buffer) => errs.push(b));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.ok(code === 0 || code === 1, `podguard rbac ${args.join(' ')}: exit ${code}: ${Buffer.concat(errs).toString()}`);
      return (JSON.parse(Buffer.concat(chunks).toString()).findings as Parameters<typeof key>[0][]).map(key).sort();
    };
    const fromFile = await findingsOf([file]);
    const fromCluster = await findingsOf(['--cluster', '--kubeconfig', cluster.adminKubeconfig]);
    console.log(`rbac-sar: --cluster ${fromCluster.length} findings, from the file ${fromFile.length}`);
    assert.ok(fromFile.length > 0);
    assert.deepEqual(fromCluster, fromFile);
    assert.ok(cliQuestions.length >= CLI_QUESTIONS / 2, 'too few questions could be asked through the CLI');
    assert.deepEqual(mismatches, []);
  },
);
