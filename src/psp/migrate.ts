// The plan for removing PodSecurityPolicy without changing a running pod. Per namespace: the
// policies its service accounts and controllers may use, each policy's nearest Pod Security
// Standards level (pss-levels.ts), the strictest level its workloads meet as PSP admits them today
// (judged by the engine), the namespace labels to set, the podguard.yaml settings and exceptions
// that keep what PSS does not cover, and for each workload the changes that write into it what PSP
// used to inject. See docs/psp.md.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadSettings } from '../config/load';
import { evaluateObject } from '../engine/evaluate';
import { applyChange, prefixChange, type Change } from '../fix/engine/change';
import { toJsonPatch, type JsonPatchOp } from '../fix/engine/json-patch';
import type { KubeObject } from '../k8s/types';
import { NEWEST_MINOR } from '../pss/version';
import { serviceAccountGroups, serviceAccountUsername, type UserInfo } from '../rbac/subjects';
import { PspAdmission } from './admit';
import { podChanges } from './changes';
import type { PodSecurityPolicy } from './model';
import { looser, nearestLevel, type PssLevel } from './pss-levels';
import { asObject, stringOf, type Json } from './strategies/pod-json';
import type { PspWorld, Workload } from './world';

/**
 * Who creates the pods of each kind: kube-controller-manager's controllers, each with its own
 * service account (--use-service-account-credentials, as kubeadm and most distributions run it).
 * A bare Pod or PodTemplate is created by whoever applies it: `asUser`.
 */
export const CONTROLLER_OF: Readonly<Record<string, string>> = {
  Deployment: 'replicaset-controller',
  ReplicaSet: 'replicaset-controller',
  StatefulSet: 'statefulset-controller',
  DaemonSet: 'daemon-set-controller',
  Job: 'job-controller',
  CronJob: 'job-controller',
  ReplicationController: 'replication-controller',
};

export function controllerUser(name: string): UserInfo {
  return { name: serviceAccountUsername('kube-system', name), groups: [...serviceAccountGroups('kube-system'), 'system:authenticated'] };
}

export interface WorkloadPlan {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly file: string;
  readonly line: number;
  /** The user PSP saw as the requester. */
  readonly requester: string;
  readonly admittedBy?: string;
  readonly denied?: string;
  /** What PSP wrote into the pod, as changes to the workload object (paths from the object). */
  readonly changes: readonly Change[];
  /** The same as RFC 6902 operations, for a kustomize patch. */
  readonly jsonPatch: readonly JsonPatchOp[];
  /** The strictest level the pod meets as PSP admits it today. */
  readonly meets?: PssLevel;
}

export interface PolicyUse {
  readonly policy: string;
  readonly nearest: PssLevel;
  readonly reasons: readonly { field: string; level: PssLevel; why: string }[];
  /** The service accounts and controllers of the namespace that may `use` it. */
  readonly usableBy: readonly string[];
}

export interface NamespacePlan {
  readonly name: string;
  readonly policies: readonly PolicyUse[];
  readonly strictestMet: PssLevel;
  /** The labels to set: enforce what every workload meets today, audit and warn at restricted. */
  readonly labels: Readonly<Record<string, string>>;
  /** podguard policies that keep a rule every usable policy imposed. */
  readonly include: readonly string[];
  /** PSP rules neither PSS nor a podguard policy keeps. */
  readonly notCovered: readonly string[];
  readonly workloads: readonly WorkloadPlan[];
}

export interface ExceptionEntry {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  readonly checks: readonly string[];
  readonly justification: string;
}

export interface MigrationPlan {
  readonly namespaces: readonly NamespacePlan[];
  readonly exceptions: readonly ExceptionEntry[];
  /** podguard.yaml, ready to write. */
  readonly config: string;
}

export interface MigrateOptions {
  /** The requester of bare Pods and PodTemplates. */
  readonly asUser?: UserInfo;
}

const LEVELS_STRICT_FIRST: readonly PssLevel[] = ['restricted', 'baseline', 'privileged'];

/** The pod a workload's controller (or its user) submits: its template, named and placed as the controller would. */
export function podOf(w: Workload): Json {
  let node: unknown = w.object;
  if (w.podPath !== '') for (const step of w.podPath.split('.')) node = asObject(node)?.[step];
  const pod = structuredClone(asObject(node) ?? {});
  const meta = { ...(asObject(pod.metadata) ?? {}) };
  if (w.podPath !== '') {
    // A controller names its pods after itself and creates them in its namespace.
    meta.generateName = `${stringOf(asObject(w.object.metadata)?.name)}-`;
  }
  meta.namespace = w.namespace;
  const spec = { ...(asObject(pod.spec) ?? {}) };
  // The ServiceAccount admission plugin runs before PodSecurityPolicy and names the default account
  // (plugin/pkg/admission/serviceaccount/admission.go); it keeps doing so without PSP. (The token
  // volume it also adds is not modelled: PSP allows it wherever it allows secret volumes.)
  if (stringOf(spec.serviceAccountName) === '') spec.serviceAccountName = 'default';
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
}

/** The workload with the changes applied (a copy). */
export function applyChanges(object: KubeObject, changes: readonly Change[]): KubeObject {
  const copy = structuredClone(object) as Json;
  for (const c of changes) applyChange(copy, c);
  return copy as KubeObject;
}

/** A PSP rule podguard's catalogue can keep: the policy id, and whether a PSP imposes it. */
export const KEPT_RULES: readonly { id: string; rule: string; imposes: (p: PodSecurityPolicy) => boolean }[] = [
  { id: 'writable-root-filesystem', rule: 'readOnlyRootFilesystem: true', imposes: (p) => p.spec.readOnlyRootFilesystem },
  { id: 'privilege-escalation-allowed', rule: 'allowPrivilegeEscalation: false', imposes: (p) => !p.spec.allowPrivilegeEscalation },
  { id: 'capabilities-not-dropped', rule: 'requiredDropCapabilities: [ALL]', imposes: (p) => p.spec.requiredDropCapabilities.includes('ALL') },
  {
    id: 'net-raw-kept',
    rule: 'requiredDropCapabilities: NET_RAW (or ALL)',
    imposes: (p) => p.spec.requiredDropCapabilities.some((c) => c === 'ALL' || c === 'NET_RAW'),
  },
  {
    id: 'run-as-root-user',
    rule: 'runAsUser: MustRunAsNonRoot or ranges above 0',
    imposes: (p) => p.spec.runAsUser.rule === 'MustRunAsNonRoot' || (p.spec.runAsUser.rule === 'MustRunAs' && p.spec.runAsUser.ranges.every((r) => r.min > 0)),
  },
  { id: 'run-as-root-group', rule: 'runAsGroup: ranges above 0', imposes: (p) => rangesAboveZero(p.spec.runAsGroup) },
  { id: 'fs-group-root', rule: 'fsGroup: ranges above 0', imposes: (p) => rangesAboveZero(p.spec.fsGroup) },
  { id: 'supplemental-group-root', rule: 'supplementalGroups: ranges above 0', imposes: (p) => rangesAboveZero(p.spec.supplementalGroups) },
  {
    id: 'writable-host-path',
    rule: 'allowedHostPaths: readOnly',
    imposes: (p) => p.spec.allowedHostPaths.length > 0 && p.spec.allowedHostPaths.every((h) => h.readOnly),
  },
  { id: 'unsafe-sysctls', rule: 'no allowedUnsafeSysctls', imposes: (p) => p.spec.allowedUnsafeSysctls.length === 0 },
];

function rangesAboveZero(s: { rule: string; ranges: readonly { min: number }[] } | undefined): boolean {
  return s !== undefined && (s.rule === 'MustRunAs' || s.rule === 'MayRunAs') && s.ranges.length > 0 && s.ranges.every((r) => r.min > 0);
}

/** The PSP values that neither the level nor the included policies keep, per policy. */
function notCovered(p: PodSecurityPolicy): string[] {
  const s = p.spec;
  const out: string[] = [];
  const ranges = (name: string, r: { rule: string; ranges: readonly { min: number; max: number }[] } | undefined): void => {
    if (r && (r.rule === 'MustRunAs' || r.rule === 'MayRunAs') && r.ranges.length > 0)
      out.push(`${p.name}: ${name} ${r.rule} ${r.ranges.map((x) => `${x.min}-${x.max}`).join(',')}`);
  };
  ranges('runAsUser', s.runAsUser);
  ranges('runAsGroup', s.runAsGroup);
  ranges('fsGroup', s.fsGroup);
  ranges('supplementalGroups', s.supplementalGroups);
  if (s.allowedHostPaths.length)
    out.push(`${p.name}: allowedHostPaths ${s.allowedHostPaths.map((h) => `${h.pathPrefix}${h.readOnly ? ' (read-only)' : ''}`).join(', ')}`);
  if (s.allowedCapabilities.length && !s.allowedCapabilities.includes('*')) out.push(`${p.name}: allowedCapabilities ${s.allowedCapabilities.join(', ')}`);
  if (s.allowedFlexVolumes.length) out.push(`${p.name}: allowedFlexVolumes ${s.allowedFlexVolumes.map((f) => f.driver).join(', ')}`);
  if (s.allowedCSIDrivers.length) out.push(`${p.name}: allowedCSIDrivers ${s.allowedCSIDrivers.map((d) => d.name).join(', ')}`);
  if (s.forbiddenSysctls.length) out.push(`${p.name}: forbiddenSysctls ${s.forbiddenSysctls.join(', ')}`);
  if (s.hostPorts.length) out.push(`${p.name}: hostPorts ${s.hostPorts.map((r) => `${r.min}-${r.max}`).join(',')}`);
  return out;
}

function meetsToday(object: KubeObject, evaluate: (o: KubeObject, level: PssLevel) => boolean): PssLevel {
  for (const level of LEVELS_STRICT_FIRST) if (level === 'privileged' || evaluate(object, level)) return level;
  return 'privileged';
}

export function planMigration(world: PspWorld, opts: MigrateOptions = {}): MigrationPlan {
  const admission = new PspAdmission(world.policies, world.authorizer);
  const byLevel = new Map<PssLevel, ReturnType<typeof loadSettings>>();
  const evaluate = (o: KubeObject, level: PssLevel): boolean => {
    let s = byLevel.get(level);
    if (!s) byLevel.set(level, (s = loadSettings({ cwd: process.cwd(), noDiscovery: true, level, version: 'latest', preset: 'pss' })));
    return evaluateObject(o, s.base)?.allowed ?? true;
  };

  const namespaces = new Set<string>([...world.rbac.namespaces.map((n) => n.name), ...world.workloads.map((w) => w.namespace)]);
  const plans: NamespacePlan[] = [];
  const patched = new Map<WorkloadPlan, KubeObject>();
  for (const ns of [...namespaces].sort()) {
    const workloads: WorkloadPlan[] = [];
    const subjects = new Map<string, UserInfo>();
    for (const sa of world.rbac.serviceAccounts.filter((s) => s.namespace === ns))
      subjects.set(`serviceaccount ${sa.name}`, { name: serviceAccountUsername(ns, sa.name), groups: serviceAccountGroups(ns) });
    if (opts.asUser && world.workloads.some((x) => x.namespace === ns && !CONTROLLER_OF[String(x.object.kind)]))
      subjects.set(`user ${opts.asUser.name}`, opts.asUser);
    for (const w of world.workloads.filter((x) => x.namespace === ns)) {
      const pod = podOf(w);
      const sa = stringOf(asObject(pod.spec)?.serviceAccountName) || 'default';
      subjects.set(`serviceaccount ${sa}`, { name: serviceAccountUsername(ns, sa), groups: serviceAccountGroups(ns) });
      const kind = String(w.object.kind);
      const controller = CONTROLLER_OF[kind];
      const requester = controller ? controllerUser(controller) : (opts.asUser ?? { name: 'system:anonymous', groups: ['system:unauthenticated'] });
      if (controller) subjects.set(`controller ${controller}`, requester);
      const result = admission.admit({ operation: 'CREATE', namespace: ns, user: requester, pod });
      const name = stringOf(asObject(w.object.metadata)?.name);
      const base = { kind, name, namespace: ns, file: w.source.file, line: w.source.line, requester: requester.name };
      if (!result.allowed || !result.pod) {
        workloads.push({ ...base, denied: result.message ?? 'denied', changes: [], jsonPatch: [] });
        continue;
      }
      const prefix = w.podPath === '' ? '' : `${w.podPath}.`;
      const changes = podChanges(podOf(w), result.pod).map((c) => prefixChange(c, prefix));
      // The pod PSP saw carries the template's name and namespace, so they are never among the changes.
      const kept = changes;
      const jsonPatch: JsonPatchOp[] = [];
      const working = structuredClone(w.object) as Json;
      for (const c of kept) {
        jsonPatch.push(...toJsonPatch(working, c));
        applyChange(working, c);
      }
      const plan: WorkloadPlan = { ...base, admittedBy: result.policy, changes: kept, jsonPatch, meets: meetsToday(working as KubeObject, evaluate) };
      patched.set(plan, working as KubeObject);
      workloads.push(plan);
    }
    const policies: PolicyUse[] = [];
    for (const p of world.policies) {
      const usableBy = [...subjects.entries()].filter(([, u]) => admission.mayUse(u, ns, p.name)).map(([label]) => label);
      if (usableBy.length === 0) continue;
      const nearest = nearestLevel(p);
      policies.push({ policy: p.name, nearest: nearest.level, reasons: nearest.reasons, usableBy });
    }
    let strictest: PssLevel = 'restricted';
    for (const w of workloads) if (w.meets) strictest = looser(strictest, w.meets);
    const usable = world.policies.filter((p) => policies.some((u) => u.policy === p.name));
    const include = usable.length === 0 ? [] : KEPT_RULES.filter((k) => usable.every((p) => k.imposes(p))).map((k) => k.id);
    const enforceVersion = `v1.${NEWEST_MINOR}`;
    plans.push({
      name: ns,
      policies,
      strictestMet: strictest,
      labels: {
        'pod-security.kubernetes.io/enforce': strictest,
        'pod-security.kubernetes.io/enforce-version': enforceVersion,
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': 'latest',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': 'latest',
      },
      include,
      notCovered: [...new Set(usable.flatMap(notCovered))],
      workloads,
    });
  }
  const exceptions = exceptionsFor(plans, patched);
  return { namespaces: plans, exceptions, config: configText(plans, exceptions) };
}

function configObject(plans: readonly NamespacePlan[], exceptions: readonly ExceptionEntry[]): Json {
  const namespaces: Json = {};
  for (const p of plans)
    namespaces[p.name] = { level: p.strictestMet, version: 'latest', preset: 'pss', ...(p.include.length ? { include: [...p.include] } : {}) };
  return {
    apiVersion: 'podguard.dev/v1alpha1',
    kind: 'PodguardConfiguration',
    preset: 'pss',
    namespaces,
    ...(exceptions.length ? { exceptions: exceptions.map((e) => ({ ...e, checks: [...e.checks] })) } : {}),
  };
}

export function configText(plans: readonly NamespacePlan[], exceptions: readonly ExceptionEntry[]): string {
  return `# Written by podguard psp migrate: what PodSecurityPolicy enforced beyond the Pod Security Standards.\n${stringify(configObject(plans, exceptions))}`;
}

/**
 * Workloads PSP admitted that an included policy would now flag (a more permissive policy let
 * them in): one exception each, so the migration changes nothing that runs. Judged by the engine
 * with the configuration itself, read back through the loader.
 */
function exceptionsFor(plans: readonly NamespacePlan[], patched: ReadonlyMap<WorkloadPlan, KubeObject>): ExceptionEntry[] {
  if (!plans.some((p) => p.include.length > 0)) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-psp-'));
  try {
    const file = path.join(dir, 'podguard.yaml');
    fs.writeFileSync(file, configText(plans, []));
    const settings = loadSettings({ cwd: dir, configPath: file });
    const out: ExceptionEntry[] = [];
    for (const p of plans) {
      for (const w of p.workloads) {
        const object = patched.get(w);
        if (!object || p.include.length === 0) continue;
        const verdict = evaluateObject(object, settings.settingsFor(p.name));
        const checks = [...new Set((verdict?.findings ?? []).filter((f) => f.standard === 'podguard' && p.include.includes(f.check)).map((f) => f.check))];
        if (checks.length)
          out.push({
            namespace: p.name,
            kind: w.kind,
            name: w.name,
            checks,
            justification: `admitted by PodSecurityPolicy ${w.admittedBy ?? ''} before the migration from PSP`,
          });
      }
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
