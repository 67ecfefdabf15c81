// ValidatingAdmissionPolicies found among manifests, judged against the other manifests as the API
// server would judge creating each of them: the policies, bindings and candidate params come from
// the inputs (or a --policies directory), namespaces from the inputs (a namespace that is not
// among them is the one the API server would create, labelled only with its name), and the
// `authorizer` variable asks podguard's RBAC evaluator over the RBAC objects among the inputs.

import type { AuthorizeFunction } from '../cel';
import { RbacAuthorizer } from '../rbac/authorizer';
import { RbacObjectReader } from '../rbac/read-objects';
import type { SourceObject } from '../sources/parse-documents';
import { admit, compilePolicy, type AdmissionOutcome, type CompiledPolicy, type PolicySet } from './evaluate';
import { isNamespaced, resourceOf, splitApiVersion } from './resources';

type Obj = Record<string, unknown>;
const ADMISSION_GROUP = 'admissionregistration.k8s.io/';

const isPolicy = (o: Obj) => typeof o['apiVersion'] === 'string' && o['apiVersion'].startsWith(ADMISSION_GROUP) && o['kind'] === 'ValidatingAdmissionPolicy';
const isBinding = (o: Obj) =>
  typeof o['apiVersion'] === 'string' && o['apiVersion'].startsWith(ADMISSION_GROUP) && o['kind'] === 'ValidatingAdmissionPolicyBinding';

export interface OfflineSet {
  readonly set: PolicySet;
  readonly namespaces: ReadonlyMap<string, Obj>;
  readonly authorize: AuthorizeFunction;
  readonly policyCount: number;
  readonly bindingCount: number;
}

/** The policy set in a list of objects (version: the Kubernetes CEL environment to compile in). */
export function offlineSet(objects: readonly SourceObject[], version?: string): OfflineSet {
  const policies = new Map<string, CompiledPolicy>();
  const bindings: Obj[] = [];
  const namespaces = new Map<string, Obj>();
  const rbac = new RbacObjectReader();
  for (const src of objects) {
    const o = src.object as unknown as Obj;
    if (isPolicy(o)) policies.set(String((o['metadata'] as Obj | undefined)?.['name'] ?? ''), compilePolicy(o, version));
    else if (isBinding(o)) bindings.push(o);
    else if (o['apiVersion'] === 'v1' && o['kind'] === 'Namespace') namespaces.set(String((o['metadata'] as Obj | undefined)?.['name'] ?? ''), o);
    rbac.add(src);
  }
  const authorizer = new RbacAuthorizer(rbac.finish());
  const authorize: AuthorizeFunction = (a) => {
    const user = { name: a.user, groups: a.groups };
    const d =
      a.path !== undefined
        ? authorizer.authorize(user, { verb: a.verb, path: a.path })
        : authorizer.authorize(user, {
            verb: a.verb,
            namespace: a.namespace ?? '',
            apiGroup: a.apiGroup ?? '',
            resource: a.resource ?? '',
            subresource: a.subresource ?? '',
            name: a.name ?? '',
          });
    return { decision: d.allowed ? 'allow' : 'noOpinion', reason: d.reason };
  };
  return {
    set: { policies, bindings, params: objects.map((s) => s.object as unknown as Obj) },
    namespaces,
    authorize,
    policyCount: policies.size,
    bindingCount: bindings.length,
  };
}

/** The namespace object the API server would hand the policy: the input's, or a bare one. */
function namespaceObject(set: OfflineSet, name: string): Obj {
  const found = set.namespaces.get(name);
  const base = found ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
  const metadata = (base['metadata'] ?? {}) as Obj;
  // The API server labels every namespace with its name (NamespaceDefaultLabelName, 1.22+).
  return { ...base, metadata: { ...metadata, labels: { ...((metadata['labels'] ?? {}) as Obj), 'kubernetes.io/metadata.name': name } } };
}

/** What creating `object` would meet: the decisions of every binding that matches it. */
export function judgeCreate(
  set: OfflineSet,
  object: Obj,
  user: { username: string; groups: readonly string[] },
  defaultNamespace = 'default',
): AdmissionOutcome {
  const apiVersion = String(object['apiVersion'] ?? '');
  const kind = String(object['kind'] ?? '');
  const metadata = (object['metadata'] ?? {}) as Obj;
  const namespaced = isNamespaced(kind, object as { metadata?: { namespace?: unknown } });
  const namespace = namespaced ? (typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '' ? metadata['namespace'] : defaultNamespace) : '';
  const name = String(metadata['name'] ?? '');
  const gvr = resourceOf(apiVersion, kind);
  const { group, version } = splitApiVersion(apiVersion);
  const isNamespace = group === '' && kind === 'Namespace';
  return admit(set.set, {
    attributes: { operation: 'CREATE', ...gvr, subresource: '', namespace: isNamespace ? name : namespace, name },
    object: namespaced ? { ...object, metadata: { ...metadata, namespace } } : object,
    oldObject: null,
    namespaceObject: namespace !== '' ? namespaceObject(set, namespace) : null,
    userInfo: user,
    kind: { group, version, kind },
    authorize: set.authorize,
  });
}

/** Objects a policy set judges: everything but the policies and bindings themselves. */
export function isJudged(o: Obj): boolean {
  return !isPolicy(o) && !isBinding(o);
}
