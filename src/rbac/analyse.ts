// RBAC findings: for every binding and every subject in it, which finding kinds its role gives
// away, and where. Rules are matched with the authorizer's own RuleAllows (rule-matches.ts), so
// "the role allows create pods" means exactly what the API server would allow. A rule never looks
// at the namespace; the namespace decides only which bindings count (a RoleBinding reaches its own
// namespace, a ClusterRoleBinding all of them, and cluster-scoped requests only ClusterRoleBindings).

import { exceptionFor } from '../exceptions/match';
import type { ExceptionSet, FindingException } from '../exceptions/exception';
import { isExemptUser, type Exemptions } from '../psa/exemptions';
import { severityRank, type Severity } from '../policies/severity';
import type { RbacAuthorizer } from './authorizer';
import { CONTROLLER_USERNAMES, FINDING_KINDS, type FindingKind, type Probe } from './finding-kinds';
import type { PolicyRule, RbacBinding, RbacRole, Subject, Where } from './model';
import { describeEnforcement, type NamespaceSecurity } from './namespace-security';
import { describeRequest, ruleAllows, type ResourceAttributes } from './rule-matches';
import { serviceAccountUsername } from './subjects';

export interface RbacFinding {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly subject: Subject;
  readonly binding: { readonly kind: string; readonly namespace?: string; readonly name: string; readonly source: Where };
  readonly role: { readonly kind: string; readonly namespace?: string; readonly name: string; readonly source: Where };
  /** The namespace the finding is about; absent for cluster-scoped permissions or "every namespace". */
  readonly namespace?: string;
  /** `all` when a ClusterRoleBinding grants it in every namespace. */
  readonly scope: 'namespace' | 'all-namespaces' | 'cluster';
  /** The requests the role allows that make up the finding, in words (`create pods`, `patch deployments.apps`). */
  readonly permissions: readonly string[];
  readonly message: string;
  readonly exception?: FindingException;
}

export interface AnalysisInput {
  readonly authorizer: RbacAuthorizer;
  readonly namespaces: ReadonlyMap<string, NamespaceSecurity>;
  readonly exemptions: Exemptions;
  readonly exceptions: ExceptionSet;
  readonly now: number;
}

function request(p: Probe, namespace: string, nameFor: string): ResourceAttributes {
  const name = p.name === 'namespace' ? nameFor : (p.name ?? '');
  return { verb: p.verb, namespace: p.cluster ? '' : namespace, apiGroup: p.group, resource: p.resource, subresource: p.subresource ?? '', name };
}

/** The probes of one group the rules allow (cluster-scoped ones only through a ClusterRoleBinding). */
function allowed(probes: readonly Probe[], rules: readonly PolicyRule[], viaClusterBinding: boolean, namespace: string, nameFor = ''): string[] {
  const out: string[] = [];
  for (const p of probes) {
    if (p.cluster && !viaClusterBinding) continue;
    const a = request(p, namespace, nameFor);
    if (rules.some((r) => ruleAllows(a, r))) out.push(describeRequest(a));
  }
  return out;
}

/** Every group of `requires` allowed: the permissions that show it, else undefined. */
function grants(kind: FindingKind, rules: readonly PolicyRule[], viaClusterBinding: boolean, namespace: string, nameFor = ''): string[] | undefined {
  const found: string[] = [];
  for (const group of kind.requires) {
    const got = allowed(group, rules, viaClusterBinding, namespace, nameFor);
    if (got.length === 0) return undefined;
    found.push(...got);
  }
  return found;
}

/** The username a subject authenticates as, when it is one user (User and ServiceAccount subjects). */
function usernameOf(s: Subject, binding: RbacBinding): string | undefined {
  if (s.kind === 'User') return s.name;
  if (s.kind === 'ServiceAccount') {
    const ns = s.namespace !== undefined && s.namespace !== '' ? s.namespace : binding.namespace;
    return ns === undefined ? undefined : serviceAccountUsername(ns, s.name);
  }
  return undefined;
}

/** Namespaces where pods are checked at all (not exempt, not privileged). */
function checksPods(ns: NamespaceSecurity): boolean {
  return !ns.exempt && ns.enforce.level !== 'privileged';
}

class Collector {
  readonly findings: RbacFinding[] = [];
  constructor(private readonly input: AnalysisInput) {}

  add(
    kind: FindingKind,
    b: RbacBinding,
    role: RbacRole,
    subject: Subject,
    namespace: string | undefined,
    scope: RbacFinding['scope'],
    permissions: string[],
    why: string,
  ): void {
    const exception = exceptionFor(
      this.input.exceptions,
      [],
      { ...(namespace !== undefined ? { namespace } : {}), kind: subject.kind, name: subject.name, check: kind.id },
      this.input.now,
    );
    const where = scope === 'cluster' ? 'cluster-wide' : scope === 'all-namespaces' ? 'in every namespace' : `in namespace ${namespace}`;
    const subjectText =
      subject.kind === 'ServiceAccount' ? `ServiceAccount ${subject.namespace ?? b.namespace}/${subject.name}` : `${subject.kind} ${subject.name}`;
    const shown = permissions.length > 4 ? `${permissions.slice(0, 4).join(', ')} and ${permissions.length - 4} more` : permissions.join(', ');
    this.findings.push({
      id: kind.id,
      title: kind.title,
      severity: kind.severity,
      subject:
        subject.kind === 'ServiceAccount' && (subject.namespace === undefined || subject.namespace === '') && b.namespace !== undefined
          ? { ...subject, namespace: b.namespace }
          : subject,
      binding: { kind: b.kind, ...(b.namespace !== undefined ? { namespace: b.namespace } : {}), name: b.name, source: b.source },
      role: { kind: role.kind, ...(role.namespace !== undefined ? { namespace: role.namespace } : {}), name: role.name, source: role.source },
      ...(namespace !== undefined ? { namespace } : {}),
      scope,
      permissions,
      message: `${subjectText} can ${shown} ${where}${why ? ` (${why})` : ''}, through ${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name} of ${role.kind} ${role.name}`,
      ...(exception ? { exception } : {}),
    });
  }
}

/** The namespaces a binding reaches: its own, or (ClusterRoleBinding) every one known. */
function reached(b: RbacBinding, namespaces: ReadonlyMap<string, NamespaceSecurity>): NamespaceSecurity[] {
  if (b.kind === 'RoleBinding') {
    const ns = namespaces.get(b.namespace!);
    return ns ? [ns] : [];
  }
  return [...namespaces.values()];
}

function analyseBinding(c: Collector, input: AnalysisInput, b: RbacBinding): void {
  const resolved = input.authorizer.roleOf(b);
  if (!resolved) return;
  const { role, rules } = resolved;
  const viaCluster = b.kind === 'ClusterRoleBinding';
  const ownNs = b.namespace ?? '';
  for (const subject of b.subjects) {
    // A ServiceAccount subject of a ClusterRoleBinding without a namespace matches no one (appliesToUser).
    if (!['User', 'Group', 'ServiceAccount'].includes(subject.kind)) continue;
    if (subject.kind === 'ServiceAccount' && viaCluster && !subject.namespace) continue;
    const username = usernameOf(subject, b);
    for (const kind of FINDING_KINDS) {
      switch (kind.where) {
        case 'cluster': {
          if (!viaCluster) break;
          const p = grants(kind, rules, true, '');
          if (p) c.add(kind, b, role, subject, undefined, 'cluster', p, '');
          break;
        }
        case 'any': {
          const p = grants(kind, rules, viaCluster, ownNs || 'default');
          if (p) c.add(kind, b, role, subject, viaCluster ? undefined : ownNs, viaCluster ? 'all-namespaces' : 'namespace', p, '');
          break;
        }
        case 'itself': {
          for (const ns of reached(b, input.namespaces)) {
            const p = grants(kind, rules, viaCluster, ns.name, ns.name);
            if (p) c.add(kind, b, role, subject, ns.name, 'namespace', p, `it ${describeEnforcement(ns)}`);
          }
          break;
        }
        case 'privileged':
        case 'baseline':
        case 'exempt': {
          const targets = reached(b, input.namespaces).filter((ns) => (kind.where === 'exempt' ? ns.exempt : !ns.exempt && ns.enforce.level === kind.where));
          if (targets.length === 0) break;
          const p = grants(kind, rules, viaCluster, targets[0]!.name);
          if (!p) break;
          for (const ns of targets) c.add(kind, b, role, subject, ns.name, 'namespace', p, `it ${describeEnforcement(ns)}`);
          break;
        }
        case 'exempt-runtime-class': {
          const classes = [...input.exemptions.runtimeClasses];
          if (classes.length === 0) break;
          const targets = reached(b, input.namespaces).filter(checksPods);
          if (targets.length === 0) break;
          const p = grants(kind, rules, viaCluster, targets[0]!.name);
          if (!p) break;
          for (const ns of targets)
            c.add(
              kind,
              b,
              role,
              subject,
              ns.name,
              'namespace',
              p,
              `runtime class ${classes.map((x) => JSON.stringify(x)).join(', ')} is exempt; the namespace ${describeEnforcement(ns)}`,
            );
          break;
        }
        case 'exempt-user': {
          const targets = reached(b, input.namespaces).filter(checksPods);
          if (targets.length === 0) break;
          let p: string[] | undefined;
          let why = '';
          if (username !== undefined && isExemptUser(input.exemptions, username)) {
            p = grants(kind, rules, viaCluster, targets[0]!.name);
            why = `the username ${username} is exempt`;
          } else {
            // The workloads whose controller's username is exempt.
            const viaControllers = Object.entries(CONTROLLER_USERNAMES).filter(([u]) => isExemptUser(input.exemptions, u));
            const found = viaControllers.flatMap(([, probes]) => allowed(probes, rules, viaCluster, targets[0]!.name));
            if (found.length > 0) {
              p = [...new Set(found)];
              why = `their pods are created by ${viaControllers.map(([u]) => u).join(', ')}, which is exempt`;
            }
          }
          if (!p) break;
          for (const ns of targets) c.add(kind, b, role, subject, ns.name, 'namespace', p, why);
          break;
        }
      }
    }
  }
}

function compare(a: RbacFinding, b: RbacFinding): number {
  const by = (x: string | undefined, y: string | undefined) => ((x ?? '') < (y ?? '') ? -1 : (x ?? '') > (y ?? '') ? 1 : 0);
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    by(a.id, b.id) ||
    by(a.namespace, b.namespace) ||
    by(a.subject.kind, b.subject.kind) ||
    by(a.subject.name, b.subject.name) ||
    by(a.binding.kind, b.binding.kind) ||
    by(a.binding.name, b.binding.name)
  );
}

/** Every finding, riskiest first. */
export function analyse(input: AnalysisInput): RbacFinding[] {
  const c = new Collector(input);
  for (const b of input.authorizer.clusterRoleBindings) analyseBinding(c, input, b);
  for (const b of input.authorizer.objects.roleBindings) analyseBinding(c, input, b);
  return c.findings.sort(compare);
}
