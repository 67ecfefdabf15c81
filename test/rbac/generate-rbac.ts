// Random RBAC sets for the differential test against the real API server: roles and cluster roles
// (wildcards, apiGroups, subresources and */subresource, resourceNames, nonResourceURLs with
// trailing *), aggregated cluster roles (matchLabels and matchExpressions, chains of aggregated
// roles), bindings of Roles and ClusterRoles to users, groups and service accounts (with and
// without a namespace), and the questions to ask. Every object passes the API server's validation
// (pkg/apis/rbac/validation: a rule is either about resources or about non-resource URLs, and
// only ClusterRoles have the latter).

/** What the generator needs from a seeded random source (test/kubernetes-support/random.ts). */
export interface RandomSource {
  int(maxExclusive: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  some<T>(items: readonly T[], max: number): T[];
}

export const NAMESPACES = ['rb-a', 'rb-b', 'rb-c'];
export const USERS = ['ann', 'ben', 'cat', 'system:serviceaccount:rb-a:robot'];
export const GROUPS = ['devs', 'ops', 'auditors', 'system:serviceaccounts:rb-b'];
export const SERVICE_ACCOUNTS = ['robot', 'builder'];

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate', 'approve', 'use'];
const GROUPS_OF_RULES = ['', 'apps', 'batch', 'rbac.authorization.k8s.io', 'admissionregistration.k8s.io', 'example.com'];
const RESOURCES = [
  'pods',
  'pods/exec',
  'pods/log',
  'pods/ephemeralcontainers',
  'deployments',
  'deployments/scale',
  'jobs',
  'cronjobs',
  'secrets',
  'configmaps',
  'namespaces',
  'nodes',
  'nodes/proxy',
  'roles',
  'clusterroles',
  'serviceaccounts/token',
  'validatingwebhookconfigurations',
  'widgets',
  'widgets/status',
  '*/scale',
  '*/status',
  '*/exec',
];
const NAMES = ['one', 'two', 'rb-a', 'rb-b'];
const URLS = ['/healthz', '/healthz/*', '/api', '/api/*', '/metrics', '/logs/*', '/*'];
const LABELS: readonly [string, readonly string[]][] = [
  ['rb.test/team', ['x', 'y']],
  ['rb.test/tier', ['gold', 'silver']],
];

type Obj = Record<string, unknown>;

function resourceRule(r: RandomSource): Obj {
  const verbs = r.chance(0.1) ? ['*'] : r.some(VERBS, 3);
  const apiGroups = r.chance(0.1) ? ['*'] : r.some(GROUPS_OF_RULES, 2);
  const resources = r.chance(0.08) ? ['*'] : r.some(RESOURCES, 3);
  const rule: Obj = {
    verbs: verbs.length ? verbs : ['get'],
    apiGroups: apiGroups.length ? apiGroups : [''],
    resources: resources.length ? resources : ['pods'],
  };
  if (r.chance(0.25))
    rule['resourceNames'] = r
      .some(NAMES, 2)
      .concat(['one'])
      .filter((v, i, a) => a.indexOf(v) === i);
  return rule;
}

function urlRule(r: RandomSource): Obj {
  const urls = r.some(URLS, 2);
  return { verbs: r.chance(0.2) ? ['*'] : [r.pick(['get', 'post', 'head'])], nonResourceURLs: urls.length ? urls : ['/healthz'] };
}

function rules(r: RandomSource, cluster: boolean): Obj[] {
  const n = 1 + r.int(3);
  return Array.from({ length: n }, () => (cluster && r.chance(0.2) ? urlRule(r) : resourceRule(r)));
}

function labels(r: RandomSource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, values] of LABELS) if (r.chance(0.5)) out[k] = r.pick(values);
  return out;
}

function selector(r: RandomSource): Obj {
  const [key, values] = r.pick(LABELS);
  const other = LABELS.find(([k]) => k !== key)!;
  switch (r.int(4)) {
    case 0:
      return { matchLabels: { [key]: r.pick(values) } };
    case 1:
      return {
        matchExpressions: [
          {
            key,
            operator: 'In',
            values: r
              .some(values, 2)
              .concat([values[0]!])
              .filter((v, i, a) => a.indexOf(v) === i),
          },
        ],
      };
    case 2:
      return { matchExpressions: [{ key, operator: 'Exists' }] };
    default:
      // NotIn and DoesNotExist alone would select every bootstrap role (cluster-admin among them): narrow them.
      return {
        matchLabels: { [key]: r.pick(values) },
        matchExpressions: [r.chance(0.5) ? { key: other[0], operator: 'NotIn', values: [other[1][0]] } : { key: other[0], operator: 'DoesNotExist' }],
      };
  }
}

function subject(r: RandomSource, bindingNamespace: string | undefined): Obj {
  switch (r.int(3)) {
    case 0:
      return { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: r.pick(USERS) };
    case 1:
      return { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: r.pick([...GROUPS, 'system:authenticated', 'system:serviceaccounts']) };
    default: {
      const name = r.pick(SERVICE_ACCOUNTS);
      // Without a namespace in a RoleBinding the binding's own namespace is meant (appliesToUser).
      if (bindingNamespace !== undefined && r.chance(0.4)) return { kind: 'ServiceAccount', name };
      return { kind: 'ServiceAccount', name, namespace: r.pick(NAMESPACES) };
    }
  }
}

export interface RbacSet {
  readonly objects: Obj[];
}

/** One random set; names carry `prefix` so several sets can live in one cluster side by side. */
export function generateRbacSet(r: RandomSource, prefix: string): RbacSet {
  const objects: Obj[] = [];
  const clusterRoleNames: string[] = [];
  const rbac = 'rbac.authorization.k8s.io/v1';
  for (let i = 0; i < 8; i++) {
    const name = `${prefix}-cr${i}`;
    clusterRoleNames.push(name);
    // Two aggregated roles in every set, more by chance; they may select each other (chains).
    const aggregated = i < 2 || r.chance(0.25);
    objects.push({
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name, labels: labels(r) },
      ...(aggregated
        ? { aggregationRule: { clusterRoleSelectors: Array.from({ length: 1 + r.int(2) }, () => selector(r)) }, rules: [] }
        : { rules: rules(r, true) }),
    });
  }
  const roleNames: [string, string][] = [];
  for (let i = 0; i < 4; i++) {
    const ns = r.pick(NAMESPACES);
    const name = `${prefix}-role${i}`;
    roleNames.push([ns, name]);
    objects.push({ apiVersion: rbac, kind: 'Role', metadata: { name, namespace: ns }, rules: rules(r, false) });
  }
  // Bindings, some to roles that do not exist (the authorizer skips them).
  const roleRef = (kind: 'Role' | 'ClusterRole', name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });
  const builtin = ['view', 'edit', 'admin', 'system:basic-user'];
  for (let i = 0; i < 4; i++) {
    const ref = r.chance(0.15)
      ? roleRef('ClusterRole', r.pick(builtin))
      : r.chance(0.1)
        ? roleRef('ClusterRole', `${prefix}-missing`)
        : roleRef('ClusterRole', r.pick(clusterRoleNames));
    objects.push({
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: `${prefix}-crb${i}` },
      roleRef: ref,
      subjects: Array.from({ length: 1 + r.int(2) }, () => subject(r, undefined)),
    });
  }
  for (let i = 0; i < 8; i++) {
    const ns = r.pick(NAMESPACES);
    const own = roleNames.filter(([n]) => n === ns);
    const ref =
      own.length > 0 && r.chance(0.5)
        ? roleRef('Role', r.pick(own)[1])
        : r.chance(0.1)
          ? roleRef('Role', `${prefix}-missing`)
          : roleRef('ClusterRole', r.chance(0.2) ? r.pick(builtin) : r.pick(clusterRoleNames));
    objects.push({
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: `${prefix}-rb${i}`, namespace: ns },
      roleRef: ref,
      subjects: Array.from({ length: 1 + r.int(2) }, () => subject(r, ns)),
    });
  }
  return { objects };
}

/** A question: who, and what request (resource or non-resource). */
export interface Question {
  readonly user: string;
  readonly groups: readonly string[];
  readonly resource?: { verb: string; namespace: string; group: string; resource: string; subresource: string; name: string };
  readonly nonResource?: { verb: string; path: string };
}

const ASKED: readonly [string, string, string][] = [
  ['', 'pods', ''],
  ['', 'pods', 'exec'],
  ['', 'pods', 'log'],
  ['', 'pods', 'ephemeralcontainers'],
  ['apps', 'deployments', ''],
  ['apps', 'deployments', 'scale'],
  ['batch', 'jobs', ''],
  ['batch', 'cronjobs', 'status'],
  ['', 'secrets', ''],
  ['', 'configmaps', ''],
  ['', 'namespaces', ''],
  ['', 'nodes', ''],
  ['', 'nodes', 'proxy'],
  ['rbac.authorization.k8s.io', 'roles', ''],
  ['rbac.authorization.k8s.io', 'clusterroles', ''],
  ['', 'serviceaccounts', 'token'],
  ['admissionregistration.k8s.io', 'validatingwebhookconfigurations', ''],
  ['example.com', 'widgets', ''],
  ['example.com', 'widgets', 'status'],
  ['extensions', 'deployments', 'scale'],
];
const ASKED_URLS = ['/healthz', '/healthz/ready', '/api', '/api/v1', '/apis', '/metrics', '/logs/kube.log', '/version'];

/** The user a question is about: a user name (a service account's, sometimes) and groups. */
function asker(r: RandomSource): { user: string; groups: string[] } {
  if (r.chance(0.35)) {
    const ns = r.pick(NAMESPACES);
    return {
      user: `system:serviceaccount:${ns}:${r.pick(SERVICE_ACCOUNTS)}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
    };
  }
  const groups = r.some(GROUPS, 2);
  if (r.chance(0.8)) groups.push('system:authenticated');
  return { user: r.pick([...USERS, 'nobody']), groups };
}

export function questions(r: RandomSource, count: number): Question[] {
  const out: Question[] = [];
  for (let i = 0; i < count; i++) {
    const who = asker(r);
    if (r.chance(0.12)) {
      out.push({ ...who, nonResource: { verb: r.pick(['get', 'post', 'head']), path: r.pick(ASKED_URLS) } });
      continue;
    }
    const [group, resource, subresource] = r.pick(ASKED);
    out.push({
      ...who,
      resource: { verb: r.pick(VERBS), namespace: r.pick([...NAMESPACES, '']), group, resource, subresource, name: r.chance(0.4) ? r.pick(NAMES) : '' },
    });
  }
  return out;
}

function fromPattern(r: RandomSource, pattern: string, pool: readonly string[]): string {
  return pattern === '*' ? r.pick(pool) : pattern;
}

/**
 * Questions aimed at the set's own bindings: a subject of a binding asks for what a rule of the
 * bound role allows, and in a third of the cases one part of the request is changed (another
 * verb, group, name or namespace), so that both sides of every rule's edge are asked about.
 */
export function targetedQuestions(r: RandomSource, set: RbacSet, count: number): Question[] {
  const bindings = set.objects.filter((o) => String(o['kind']).endsWith('Binding'));
  const roles = new Map(
    set.objects
      .filter((o) => String(o['kind']).endsWith('Role'))
      .map((o) => [`${o['kind']}/${(o['metadata'] as Obj)['namespace'] ?? ''}/${(o['metadata'] as Obj)['name']}`, o]),
  );
  const out: Question[] = [];
  for (let i = 0; i < count; i++) {
    const b = r.pick(bindings);
    const bns = (b['metadata'] as Obj)['namespace'] as string | undefined;
    const s = r.pick(b['subjects'] as Obj[]);
    let user: string;
    let groups: string[];
    if (s['kind'] === 'User') {
      user = s['name'] as string;
      groups = ['system:authenticated'];
    } else if (s['kind'] === 'Group') {
      user = r.pick(USERS);
      groups = [s['name'] as string, 'system:authenticated'];
    } else {
      const ns = (s['namespace'] as string | undefined) ?? bns ?? r.pick(NAMESPACES);
      user = `system:serviceaccount:${ns}:${s['name']}`;
      groups = ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'];
    }
    const ref = b['roleRef'] as Obj;
    const role = roles.get(`${ref['kind']}/${ref['kind'] === 'Role' ? bns : ''}/${ref['name']}`);
    const rules = (role?.['rules'] as Obj[] | undefined) ?? [];
    const rule = rules.length > 0 ? r.pick(rules) : resourceRule(r);
    const mutate = r.chance(0.33) ? r.int(4) : -1;
    if (rule['nonResourceURLs']) {
      const url = r.pick(rule['nonResourceURLs'] as string[]);
      let stem = url;
      while (stem.endsWith('*')) stem = stem.slice(0, -1);
      const path = url.endsWith('*') ? `${stem}${r.pick(['', 'x', 'ready/now'])}` : url;
      out.push({
        user,
        groups,
        nonResource: {
          verb: mutate === 0 ? r.pick(['get', 'post', 'put']) : fromPattern(r, r.pick(rule['verbs'] as string[]), ['get', 'post']),
          path: mutate === 1 ? r.pick(ASKED_URLS) : path,
        },
      });
      continue;
    }
    const combined = fromPattern(
      r,
      r.pick(rule['resources'] as string[]),
      RESOURCES.filter((x) => !x.startsWith('*')),
    );
    const [first, subresource] = combined.split('/') as [string, string | undefined];
    let resource = first;
    if (resource === '*') resource = r.pick(['pods', 'deployments', 'widgets']);
    const names = (rule['resourceNames'] as string[] | undefined) ?? [];
    const namespace = bns === undefined ? r.pick([...NAMESPACES, '']) : mutate === 3 ? r.pick([...NAMESPACES, '']) : bns;
    out.push({
      user,
      groups,
      resource: {
        verb: mutate === 0 ? r.pick(VERBS) : fromPattern(r, r.pick(rule['verbs'] as string[]), VERBS),
        namespace,
        group: mutate === 1 ? r.pick(GROUPS_OF_RULES) : fromPattern(r, r.pick(rule['apiGroups'] as string[]), GROUPS_OF_RULES),
        resource,
        subresource: subresource ?? '',
        name: mutate === 2 ? r.pick(['', ...NAMES]) : names.length > 0 ? r.pick(names) : r.chance(0.3) ? r.pick(NAMES) : '',
      },
    });
  }
  return out;
}
