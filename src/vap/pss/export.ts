// The Pod Security Standards at one level and version as a ValidatingAdmissionPolicy and its
// bindings (admissionregistration.k8s.io/v1), so that a cluster enforces them with no webhook.
//
// One policy holds one variable per check in force (its CEL from checks/, chosen by the same
// `since` the registry picks for that version) and one validation, whose message is Pod Security
// Admission's: `violates PodSecurity "baseline:v1.37": privileged (container "a" must not …), …`.
// The bindings select namespaces by the pod-security.kubernetes.io labels, as PSA reads them.

import { pssRegistry } from '../../pss/registry';
import { effectiveMinor, formatVersion, NEWEST_MINOR, type PolicyVersion } from '../../pss/version';
import { str, strList } from './cel';
import { CEL_CHECKS } from './checks';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';
export const VALIDATION_ACTIONS: readonly ValidationAction[] = ['Deny', 'Warn', 'Audit'];

export interface PssExportOptions {
  readonly level: 'baseline' | 'restricted';
  readonly version: PolicyVersion;
  /** The binding's validationActions (Deny alone by default). */
  readonly actions: readonly ValidationAction[];
  /** 'label': namespaces whose PSA label for the mode asks for this level and version; 'all': every namespace. */
  readonly namespaces: 'label' | 'all';
  /** Names for the API server's staticManifestsDir (ending in `.static.k8s.io`). */
  readonly static: boolean;
  /** PSA's exemptions, as far as a policy can express them. */
  readonly exemptNamespaces?: readonly string[];
  readonly exemptUsernames?: readonly string[];
  readonly exemptRuntimeClasses?: readonly string[];
}

const PSA_LABEL = 'pod-security.kubernetes.io';
/** Upstream: k8s.io/apiserver/pkg/admission/plugin/manifest StaticConfigSuffix. */
export const STATIC_SUFFIX = '.static.k8s.io';

/** Which PSA label mode a binding stands for: enforce denies, warn warns, audit annotates. */
function modeOf(actions: readonly ValidationAction[]): 'enforce' | 'warn' | 'audit' {
  return actions.includes('Deny') ? 'enforce' : actions.includes('Warn') ? 'warn' : 'audit';
}

/** The CEL of every check in force at the level and version, in PSA's order (baseline checks first, by id). */
export function pssVariables(level: 'baseline' | 'restricted', version: PolicyVersion): { name: string; expression: string }[] {
  return pssRegistry()
    .checksFor(level, version)
    .map((active) => {
      const generator = CEL_CHECKS.find((g) => g.id === active.id);
      const v = generator?.versions.find((x) => x.since === active.versioned.since);
      if (v === undefined) throw new Error(`no CEL for check ${active.id} ${active.versioned.since}`);
      return { name: active.id, expression: v.violation };
    });
}

export function policyName(options: Pick<PssExportOptions, 'level' | 'version' | 'static'>): string {
  return `podguard-pss-${options.level}-${formatVersion(options.version)}${options.static ? STATIC_SUFFIX : ''}`;
}

/** The policy and its bindings, as plain objects in the order they should be applied. */
export function exportPss(options: PssExportOptions): Record<string, unknown>[] {
  const { level, version } = options;
  const mode = modeOf(options.actions);
  const variables = pssVariables(level, version);
  const parts = `[${variables.map((v) => `variables.${v.name}`).join(', ')}]`;
  // PSA names the version as the namespace's label says it (absent: latest).
  const shownVersion =
    options.namespaces === 'label'
      ? `namespaceObject.metadata.?labels[?${str(`${PSA_LABEL}/${mode}-version`)}].orValue('latest')`
      : str(formatVersion(version));
  const verb = mode === 'enforce' ? 'violates' : 'would violate';
  const name = policyName(options);

  const matchConditions: { name: string; expression: string }[] = [
    {
      // Upstream: pod-security-admission admission/admission.go ValidatePod: only the pod itself and its
      // ephemeralcontainers subresource are judged, and an update only when isSignificantPodUpdate says so.
      // (The API server leaves request.subResource out when there is none.)
      name: 'pod-security-judges-this-request',
      expression:
        "request.?subResource.orValue('') == 'ephemeralcontainers' || (request.?subResource.orValue('') == '' && (request.operation == 'CREATE' || " +
        '(has(oldObject.spec) && (' +
        "object.metadata.?annotations[?'seccomp.security.alpha.kubernetes.io/pod'] != oldObject.metadata.?annotations[?'seccomp.security.alpha.kubernetes.io/pod'] || " +
        'object.spec.containers.size() != oldObject.spec.containers.size() || ' +
        'object.spec.?initContainers.orValue([]).size() != oldObject.spec.?initContainers.orValue([]).size() || ' +
        'object.spec.containers.map(c, c.image) != oldObject.spec.containers.map(c, c.image) || ' +
        'object.spec.?initContainers.orValue([]).map(c, c.image) != oldObject.spec.?initContainers.orValue([]).map(c, c.image) || ' +
        "object.spec.containers.exists(c, object.metadata.?annotations[?('container.seccomp.security.alpha.kubernetes.io/' + c.name)] != " +
        "oldObject.metadata.?annotations[?('container.seccomp.security.alpha.kubernetes.io/' + c.name)])))))",
    },
  ];
  if (options.exemptUsernames?.length) {
    matchConditions.push({ name: 'not-an-exempt-user', expression: `!(request.userInfo.username in ${strList(options.exemptUsernames)})` });
  }
  if (options.exemptRuntimeClasses?.length) {
    matchConditions.push({
      name: 'not-an-exempt-runtime-class',
      expression: `!(object.spec.?runtimeClassName.orValue('') in ${strList(options.exemptRuntimeClasses)})`,
    });
  }

  const policy = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: {
      name,
      labels: { 'app.kubernetes.io/managed-by': 'podguard' },
      annotations: {
        'podguard.dev/pod-security-standard': `${level}:${formatVersion(version)}`,
        'podguard.dev/checks': variables.map((v) => v.name).join(','),
      },
    },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'pods/ephemeralcontainers'] }],
      },
      matchConditions,
      variables,
      validations: [
        {
          expression: `${parts}.all(v, v == '')`,
          messageExpression: `${str(`${verb} PodSecurity "${level}:`)} + ${shownVersion} + '": ' + ${parts}.filter(v, v != '').join(', ')`,
          message: `${verb} PodSecurity "${level}:${formatVersion(version)}"`,
          reason: 'Forbidden',
        },
      ],
    },
  };

  const exempt = options.exemptNamespaces?.length ? [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [...options.exemptNamespaces] }] : [];
  const levelIs = { key: `${PSA_LABEL}/${mode}`, operator: 'In', values: [level] };
  const versionKey = `${PSA_LABEL}/${mode}-version`;
  // A label selector cannot say "absent or one of": the newest version needs a second binding for
  // namespaces that set no version label (PSA reads those as latest).
  const selectors: { suffix: string; matchExpressions: unknown[] }[] =
    options.namespaces === 'all'
      ? [{ suffix: '', matchExpressions: exempt }]
      : effectiveMinor(version) === NEWEST_MINOR
        ? [
            {
              suffix: '',
              matchExpressions: [
                levelIs,
                { key: versionKey, operator: 'In', values: [...new Set(['latest', `v1.${NEWEST_MINOR}`, formatVersion(version)])] },
                ...exempt,
              ],
            },
            { suffix: '-unversioned', matchExpressions: [levelIs, { key: versionKey, operator: 'DoesNotExist' }, ...exempt] },
          ]
        : [{ suffix: '', matchExpressions: [levelIs, { key: versionKey, operator: 'In', values: [formatVersion(version)] }, ...exempt] }];

  const base = name.endsWith(STATIC_SUFFIX) ? name.slice(0, -STATIC_SUFFIX.length) : name;
  const bindings = selectors.map((s) => ({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: `${base}${s.suffix}${options.static ? STATIC_SUFFIX : ''}`, labels: { 'app.kubernetes.io/managed-by': 'podguard' } },
    spec: {
      policyName: name,
      validationActions: [...options.actions],
      matchResources: { namespaceSelector: { matchExpressions: s.matchExpressions } },
    },
  }));
  return [policy, ...bindings];
}
