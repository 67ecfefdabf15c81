// podguard's offline ValidatingAdmissionPolicy evaluation (src/vap/evaluate.ts) against the real
// API server: generated policies (match constraints, match conditions, variables, validations
// with message, messageExpression and reason, failurePolicy, params by name and selector with
// both parameterNotFoundActions) and bindings (validationActions, namespace and object selectors)
// are applied to kube-apiserver, generated ConfigMaps are created with dryRun=All, and the
// server's status code, message and warnings must be what podguard computes offline.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCluster, type Cluster } from '../kubernetes-support/kube-cluster';
import { missingTools } from '../kubernetes-support/tools';
import { Random, seeds } from '../support/random';
import { admit, compilePolicy, type AdmissionInput, type PolicySet } from '../../src/vap/evaluate';

const skip = missingTools('kube-apiserver', 'etcd');
if (skip) test('offline ValidatingAdmissionPolicy decisions equal the real API server', { skip }, () => undefined);

type Obj = Record<string, any>;
const NAMESPACES = [
  { name: 'team-a', labels: { env: 'prod' } },
  { name: 'team-b', labels: { env: 'dev' } },
];
const PARAMS: Obj[] = NAMESPACES.flatMap((n, i) => [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'limits', namespace: n.name, labels: { role: 'param', tier: i === 0 ? 'gold' : 'silver' } },
    data: { max: String(i + 2), prefix: i === 0 ? 'a' : 'b' },
  },
]);

const VALIDATIONS = [
  { expression: 'size(object.data) <= 2' },
  { expression: 'has(object.data.owner)', message: 'owner is required' },
  { expression: "object.metadata.name.startsWith('ok')", messageExpression: "'name ' + object.metadata.name + ' must start with ok'" },
  { expression: "!('secret' in object.data)", reason: 'Forbidden', messageExpression: "'no secrets in ' + request.namespace" },
  { expression: 'size(object.data) <= int(params.data.max)', messageExpression: "'at most ' + params.data.max + ' keys'", needsParams: true },
  { expression: 'object.metadata.name.startsWith(params.data.prefix)', needsParams: true },
  { expression: 'variables.keys < 3', messageExpression: "'keys: ' + string(variables.keys)", reason: 'Forbidden' },
  { expression: "object.data.owner == 'root'", message: 'owner must be root' }, // errors when owner is absent
  { expression: "request.operation == 'CREATE' && request.userInfo.username == 'admin'" },
  { expression: "namespaceObject.metadata.labels.env == 'prod'", messageExpression: "''" }, // an empty messageExpression falls back
  { expression: "object.data.all(k, k.matches('^[a-z]+$'))", messageExpression: "'bad keys: ' + object.data.filter(k, !k.matches('^[a-z]+$')).join(',')" },
];
const MATCH_CONDITIONS = [
  { name: 'not-skipped', expression: "object.metadata.name != 'skip'" },
  { name: 'has-data', expression: 'has(object.data)' },
  { name: 'errors', expression: 'object.data.nosuchkey == "x"' },
];

function generatePolicy(r: Random, i: number): { policy: Obj; binding: Obj } {
  const name = `gen-${i}`;
  const usesParams = r.int(3) === 0;
  const validations = r.pick([1, 1, 2, 3]).valueOf();
  const chosen: Obj[] = [];
  for (let k = 0; k < validations; k++) {
    const v = r.pick(VALIDATIONS);
    if (v.needsParams && !usesParams) continue;
    const { needsParams: _unused, ...rest } = v as Obj;
    chosen.push(rest);
  }
  if (chosen.length === 0) chosen.push({ expression: 'size(object.data) <= 1' });
  const spec: Obj = {
    failurePolicy: r.pick(['Fail', 'Fail', 'Ignore']),
    matchConstraints: {
      resourceRules: [
        { apiGroups: [''], apiVersions: ['v1'], operations: r.pick([['CREATE'], ['CREATE', 'UPDATE'], ['*'], ['UPDATE']]), resources: ['configmaps'] },
      ],
      ...(r.int(4) === 0 ? { namespaceSelector: { matchLabels: { env: r.pick(['prod', 'dev']) } } } : {}),
    },
    variables: [{ name: 'keys', expression: 'size(object.data)' }],
    validations: chosen,
  };
  if (r.int(3) === 0) spec['matchConditions'] = [r.pick(MATCH_CONDITIONS)];
  if (usesParams) spec['paramKind'] = { apiVersion: 'v1', kind: 'ConfigMap' };
  const bindingSpec: Obj = {
    policyName: name,
    validationActions: r.pick([['Deny'], ['Deny'], ['Warn'], ['Audit'], ['Deny', 'Audit'], ['Warn', 'Audit']]),
    matchResources: {
      objectSelector: { matchLabels: { case: name } },
      ...(r.int(4) === 0 ? { namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: [r.pick(['prod', 'dev'])] }] } } : {}),
    },
  };
  if (usesParams) {
    const action = r.pick(['Allow', 'Deny']);
    bindingSpec['paramRef'] = r.pick([
      { name: 'limits', parameterNotFoundAction: action },
      { name: 'nothere', parameterNotFoundAction: action },
      { selector: { matchLabels: { tier: r.pick(['gold', 'silver', 'bronze']) } }, parameterNotFoundAction: action },
    ]);
  }
  return {
    policy: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name }, spec },
    binding: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: `${name}-binding` },
      spec: bindingSpec,
    },
  };
}

function generateObject(r: Random, i: number, policyName: string): Obj {
  const data: Record<string, string> = {};
  const keys = ['owner', 'secret', 'a', 'b', 'Bad_Key', 'c'];
  const n = r.int(4);
  for (let k = 0; k < n; k++) data[r.pick(keys)] = r.pick(['root', 'x', '']);
  const obj: Obj = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${r.pick(['ok', 'a', 'b', 'skip-'])}-${i}`.replace('skip--', 'skip'), labels: { case: policyName } },
  };
  // The API server drops an empty data map (omitempty): only a non-empty one is sent.
  if (n > 0) obj['data'] = data;
  return obj;
}

describe('offline ValidatingAdmissionPolicy decisions equal the real API server', { skip }, () => {
  let cluster: Cluster;
  const POLICIES = 120;
  const { fixed, perRun } = seeds(15);
  const generated: { policy: Obj; binding: Obj }[] = [];

  before(async () => {
    cluster = await startCluster({ podSecurity: { exemptNamespaces: [] } });
    for (const n of NAMESPACES) await cluster.admin.must('POST', '/api/v1/namespaces', { metadata: n });
    for (const p of PARAMS) await cluster.admin.must('POST', `/api/v1/namespaces/${p['metadata'].namespace}/configmaps`, p);
    const r = new Random(fixed);
    for (let i = 0; i < POLICIES; i++) generated.push(generatePolicy(r, i));
    // A sentinel last: when it denies, the API server has loaded the policies before it too.
    generated.push({
      policy: {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: 'sentinel' },
        spec: {
          matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['configmaps'] }] },
          validations: [{ expression: 'false' }],
        },
      },
      binding: {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: 'sentinel-binding' },
        spec: { policyName: 'sentinel', validationActions: ['Deny'], matchResources: { objectSelector: { matchLabels: { case: 'sentinel' } } } },
      },
    });
    for (const g of generated) {
      await cluster.admin.must('POST', '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies', g.policy);
      await cluster.admin.must('POST', '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings', g.binding);
    }
    const deadline = Date.now() + 60_000;
    for (;;) {
      const probe = await cluster.admin.request('POST', '/api/v1/namespaces/team-a/configmaps?dryRun=All', {
        metadata: { name: 'probe', labels: { case: 'sentinel' } },
      });
      if (probe.status === 422) break;
      if (Date.now() > deadline) throw new Error(`the policies were not loaded: ${probe.status}`);
      await new Promise((res) => setTimeout(res, 500));
    }
    await new Promise((res) => setTimeout(res, 2000));
  });

  after(async () => {
    cluster?.admin.close();
    await cluster?.stop();
  });

  test('generated policies, bindings, params and objects: same status, message and warnings', { timeout: 300_000 }, async () => {
    console.log(`per-run seed: ${perRun} (replay with PODGUARD_SEED=${perRun})`);
    const nsObjects = new Map<string, Obj>();
    for (const n of NAMESPACES) nsObjects.set(n.name, await cluster.admin.must('GET', `/api/v1/namespaces/${n.name}`));
    const set: PolicySet = {
      policies: new Map(generated.map((g) => [g.policy['metadata'].name, compilePolicy(g.policy)])),
      bindings: generated.map((g) => g.binding),
      params: PARAMS,
    };
    let same = 0;
    let total = 0;
    let denied = 0;
    let warned = 0;
    const differences: string[] = [];
    for (const seed of [fixed, perRun]) {
      const r = new Random(seed + 1);
      for (let i = 0; i < 400; i++) {
        const g = generated[r.int(POLICIES)]!;
        const namespace = r.pick(NAMESPACES).name;
        const object = generateObject(r, i, g.policy['metadata'].name);
        const response = await cluster.admin.request('POST', `/api/v1/namespaces/${namespace}/configmaps?dryRun=All`, object);
        const input: AdmissionInput = {
          attributes: { operation: 'CREATE', group: '', version: 'v1', resource: 'configmaps', subresource: '', namespace, name: object['metadata'].name },
          object: { ...object, metadata: { ...object['metadata'], namespace } },
          oldObject: null,
          namespaceObject: nsObjects.get(namespace)!,
          userInfo: { username: 'admin', groups: ['system:masters', 'system:authenticated'] },
          kind: { group: '', version: 'v1', kind: 'ConfigMap' },
        };
        const offline = admit(set, input);
        const server = {
          status: response.status,
          message: response.status >= 300 ? String(response.body?.message ?? '') : '',
          reason: response.status >= 300 ? String(response.body?.reason ?? '') : '',
          warnings: response.warnings,
        };
        const mine = {
          status: offline.allowed ? 201 : offline.status!.code,
          message: offline.allowed ? '' : offline.status!.message,
          reason: offline.allowed ? '' : offline.status!.reason,
          warnings: [...offline.warnings],
        };
        total++;
        if (!offline.allowed) denied++;
        if (offline.warnings.length > 0) warned++;
        if (JSON.stringify(server) === JSON.stringify(mine)) same++;
        else
          differences.push(
            `${JSON.stringify(object)} in ${namespace} by ${JSON.stringify(g)}\n  server:   ${JSON.stringify(server)}\n  podguard: ${JSON.stringify(mine)}`,
          );
      }
    }
    console.log(`offline VAP decisions: ${same}/${total} identical to the API server (${denied} denied, ${warned} warned offline)`);
    for (const d of differences.slice(0, 8)) console.log(`difference: ${d}`);
    assert.ok(denied > 50 && warned > 10 && total - denied > 50, 'the cases exercise allow, deny and warn');
    assert.equal(differences.length, 0, `${differences.length} differences (the first printed above)`);
  });
});
