// One PodSecurityPolicy as a provider: the defaults it writes into a pod (MutatePod) and the checks
// it makes (ValidatePod), in upstream's order and with upstream's messages.
// Upstream (v1.24.17): pkg/security/podsecuritypolicy/provider.go, factory.go, and the effective
// security context accessors of pkg/securitycontext/accessors.go (a container value wins over the
// pod's; a setter writes into the container only when the value differs from the effective one).

import { goValue, invalid, type FieldError } from './field-error';
import type { PodSecurityPolicy, SELinuxOptions } from './model';
import { AppArmorStrategy } from './strategies/apparmor';
import { generateCapabilities, validateCapabilities } from './strategies/capabilities';
import { groupStrategy, type GroupStrategy } from './strategies/groups';
import { asObject, containersWithPath, listOf, optionalOf, present, sameValue, stringOf, type Json } from './strategies/pod-json';
import { runAsUserStrategy, type RunAsUserStrategy } from './strategies/run-as-user';
import { SECCOMP_POD_ANNOTATION, SeccompStrategy } from './strategies/seccomp';
import { seLinuxStrategy, type SELinuxStrategy } from './strategies/selinux';
import { validateSysctls } from './strategies/sysctls';
import { validatePodVolumes } from './volumes';

export interface Provider {
  readonly policy: PodSecurityPolicy;
  /** Writes the policy's defaults into `pod` (a copy the caller owns). */
  mutatePod(pod: Json): void;
  validatePod(pod: Json): FieldError[];
}

interface Strategies {
  runAsUser: RunAsUserStrategy;
  runAsGroup: GroupStrategy;
  seLinux: SELinuxStrategy;
  appArmor: AppArmorStrategy;
  seccomp: SeccompStrategy;
  fsGroup: GroupStrategy;
  supplementalGroups: GroupStrategy;
}

function seLinuxJson(o: SELinuxOptions): Json {
  const out: Json = {};
  for (const k of ['user', 'role', 'type', 'level'] as const) if (o[k] !== '') out[k] = o[k];
  return out;
}

/** The provider, or upstream's creation error (`error creating provider for PSP …`: the policy is skipped). */
export function createProvider(policy: PodSecurityPolicy): Provider | { error: string } {
  const s = policy.spec;
  const made = {
    runAsUser: runAsUserStrategy(s.runAsUser),
    runAsGroup: groupStrategy(s.runAsGroup, 'RunAsGroup'),
    seLinux: seLinuxStrategy(s.seLinux.rule, s.seLinux.seLinuxOptions),
    fsGroup: groupStrategy(s.fsGroup, 'FSGroup'),
    supplementalGroups: groupStrategy(s.supplementalGroups, 'SupplementalGroups'),
  };
  const errors = Object.values(made).filter((m): m is string => typeof m === 'string');
  if (errors.length > 0) return { error: `error creating provider for PSP ${policy.name}: ${errors.join(', ')}` };
  const strategies = {
    ...(made as Omit<Strategies, 'appArmor' | 'seccomp'>),
    appArmor: new AppArmorStrategy(policy.annotations),
    seccomp: new SeccompStrategy(policy.annotations),
  };
  return new SimpleProvider(policy, strategies);
}

/** The pod's security context: conversion to the internal type always creates one, so PSP never sees it nil. */
function podSecurityContext(spec: Json): Json {
  let sc = asObject(spec.securityContext);
  if (!sc) {
    sc = {};
    spec.securityContext = sc;
  }
  return sc;
}

/** A container's security context value: set only when it differs from the effective one. */
class EffectiveContext {
  constructor(
    private readonly podSC: Json,
    private readonly container: Json,
  ) {}

  own(key: string): unknown {
    const sc = asObject(this.container.securityContext);
    return sc?.[key] ?? undefined;
  }

  /** Container value, else the pod's (runAsUser, runAsGroup, runAsNonRoot, seLinuxOptions). */
  inherited(key: string): unknown {
    const v = this.own(key);
    return present(v) ? v : (this.podSC[key] ?? undefined);
  }

  set(key: string, value: unknown, effective: unknown): void {
    if (sameValue(effective, value)) return;
    let sc = asObject(this.container.securityContext);
    if (!sc) {
      if (!present(value)) return;
      sc = {};
      this.container.securityContext = sc;
    }
    if (present(value)) sc[key] = value;
    else delete sc[key];
  }
}

class SimpleProvider implements Provider {
  constructor(
    readonly policy: PodSecurityPolicy,
    private readonly strategies: Strategies,
  ) {}

  mutatePod(pod: Json): void {
    const spec = asObject(pod.spec) ?? {};
    pod.spec = spec;
    const meta = asObject(pod.metadata) ?? {};
    pod.metadata = meta;
    const sc = podSecurityContext(spec);
    const st = this.strategies;
    if (!present(sc.supplementalGroups)) {
      const g = st.supplementalGroups.generate();
      if (g !== undefined) sc.supplementalGroups = g;
    }
    if (!present(sc.fsGroup)) {
      const g = st.fsGroup.generateSingle();
      if (g !== undefined) sc.fsGroup = g;
    }
    if (!present(sc.seLinuxOptions)) {
      const o = st.seLinux.generate();
      if (o) sc.seLinuxOptions = seLinuxJson(o);
    }
    const seccomp = st.seccomp.generate(asObject(meta.annotations), sc);
    if (seccomp !== '') meta.annotations = { ...(asObject(meta.annotations) ?? {}), [SECCOMP_POD_ANNOTATION]: seccomp };
    const rc = this.policy.spec.runtimeClass;
    if (rc && !present(spec.runtimeClassName) && rc.defaultRuntimeClassName !== undefined) spec.runtimeClassName = rc.defaultRuntimeClassName;
    for (const { container } of containersWithPath(spec)) this.mutateContainer(meta, sc, container);
  }

  private mutateContainer(meta: Json, podSC: Json, container: Json): void {
    const s = this.policy.spec;
    const st = this.strategies;
    const sc = new EffectiveContext(podSC, container);
    if (!present(sc.inherited('runAsUser'))) sc.set('runAsUser', st.runAsUser.generate(), undefined);
    if (!present(sc.inherited('runAsGroup'))) sc.set('runAsGroup', st.runAsGroup.generateSingle(), undefined);
    if (!present(sc.inherited('seLinuxOptions'))) {
      const o = st.seLinux.generate();
      sc.set('seLinuxOptions', o && seLinuxJson(o), undefined);
    }
    const annotations = st.appArmor.generate(asObject(meta.annotations), container);
    if (!present(sc.inherited('runAsNonRoot')) && !present(sc.inherited('runAsUser')) && s.runAsUser.rule === 'MustRunAsNonRoot')
      sc.set('runAsNonRoot', true, undefined);
    const caps = generateCapabilities(s.defaultAddCapabilities, s.requiredDropCapabilities, container);
    sc.set('capabilities', caps, sc.own('capabilities'));
    if (s.readOnlyRootFilesystem && !present(sc.own('readOnlyRootFilesystem'))) sc.set('readOnlyRootFilesystem', true, undefined);
    if (s.defaultAllowPrivilegeEscalation !== undefined && !present(sc.own('allowPrivilegeEscalation')))
      sc.set('allowPrivilegeEscalation', s.defaultAllowPrivilegeEscalation, undefined);
    if (!s.allowPrivilegeEscalation && !present(sc.own('allowPrivilegeEscalation'))) sc.set('allowPrivilegeEscalation', false, undefined);
    if (annotations === undefined) delete meta.annotations;
    else meta.annotations = annotations;
  }

  validatePod(pod: Json): FieldError[] {
    const s = this.policy.spec;
    const st = this.strategies;
    const spec = asObject(pod.spec) ?? {};
    const meta = asObject(pod.metadata) ?? {};
    const annotations = asObject(meta.annotations);
    const sc = asObject(spec.securityContext) ?? {};
    const p = 'spec.securityContext';
    const errs: FieldError[] = [];
    const fsGroup = optionalOf<number>(sc.fsGroup);
    errs.push(...st.fsGroup.validate(`${p}.fsGroup`, fsGroup === undefined ? undefined : [fsGroup]));
    errs.push(...st.supplementalGroups.validate(`${p}.supplementalGroups`, listOf<number>(sc.supplementalGroups)));
    errs.push(...st.seccomp.validatePod(annotations, sc));
    errs.push(...st.seLinux.validate(`${p}.seLinuxOptions`, sc.seLinuxOptions));
    if (!s.hostNetwork && spec.hostNetwork === true) errs.push(invalid(`${p}.hostNetwork`, 'true', 'Host network is not allowed to be used'));
    if (!s.hostPID && spec.hostPID === true) errs.push(invalid(`${p}.hostPID`, 'true', 'Host PID is not allowed to be used'));
    if (!s.hostIPC && spec.hostIPC === true) errs.push(invalid(`${p}.hostIPC`, 'true', 'Host IPC is not allowed to be used'));
    errs.push(...validateSysctls(sc, s.allowedUnsafeSysctls, s.forbiddenSysctls));
    errs.push(...validatePodVolumes(s, spec));
    if (s.runtimeClass && present(spec.runtimeClassName)) {
      const name = stringOf(spec.runtimeClassName);
      const names = s.runtimeClass.allowedRuntimeClassNames;
      if (!names.includes('*') && !names.includes(name)) errs.push(invalid('spec.runtimeClassName', goValue.string(name), ''));
    }
    for (const { container, path } of containersWithPath(spec)) errs.push(...this.validateContainer(annotations, sc, container, path));
    return errs;
  }

  private validateContainer(annotations: Json | undefined, podSC: Json, container: Json, containerPath: string): FieldError[] {
    const s = this.policy.spec;
    const st = this.strategies;
    const sc = new EffectiveContext(podSC, container);
    const p = `${containerPath}.securityContext`;
    const errs: FieldError[] = [];
    errs.push(...st.runAsUser.validate(p, optionalOf<boolean>(sc.inherited('runAsNonRoot')), optionalOf<number>(sc.inherited('runAsUser'))));
    const runAsGroup = optionalOf<number>(sc.inherited('runAsGroup'));
    errs.push(...st.runAsGroup.validate(p, runAsGroup === undefined ? undefined : [runAsGroup]));
    errs.push(...st.seLinux.validate(`${p}.seLinuxOptions`, sc.inherited('seLinuxOptions')));
    errs.push(...st.appArmor.validate(annotations, container));
    errs.push(...st.seccomp.validateContainer(annotations, podSC, container));
    if (!s.privileged && sc.own('privileged') === true) errs.push(invalid(`${p}.privileged`, 'true', 'Privileged containers are not allowed'));
    // ProcMount(): unset is "Default"; a policy without allowedProcMountTypes allows only that.
    const procMount = present(sc.own('procMount')) ? stringOf(sc.own('procMount')) : 'Default';
    const allowedProcMounts = s.allowedProcMountTypes.length > 0 ? s.allowedProcMountTypes : ['Default'];
    if (!allowedProcMounts.includes(procMount)) errs.push(invalid(`${p}.procMount`, goValue.string(procMount), 'ProcMountType is not allowed'));
    errs.push(
      ...validateCapabilities(`${p}.capabilities`, s.defaultAddCapabilities, s.requiredDropCapabilities, s.allowedCapabilities, sc.own('capabilities')),
    );
    for (const raw of listOf<unknown>(container.ports) ?? []) {
      const port = optionalOf<number>(asObject(raw)?.hostPort) ?? 0;
      if (port > 0 && !s.hostPorts.some((r) => port >= r.min && port <= r.max)) {
        const allowed = s.hostPorts.map((r) => (r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`)).join(',');
        errs.push(invalid(`${containerPath}.hostPort`, goValue.number(port), `Host port ${port} is not allowed to be used. Allowed ports: [${allowed}]`));
      }
    }
    if (s.readOnlyRootFilesystem) {
      const ro = optionalOf<boolean>(sc.own('readOnlyRootFilesystem'));
      if (ro === undefined) errs.push(invalid(`${p}.readOnlyRootFilesystem`, 'null', 'ReadOnlyRootFilesystem may not be nil and must be set to true'));
      else if (!ro) errs.push(invalid(`${p}.readOnlyRootFilesystem`, 'false', 'ReadOnlyRootFilesystem must be set to true'));
    }
    const ape = optionalOf<boolean>(sc.own('allowPrivilegeEscalation'));
    if (!s.allowPrivilegeEscalation && ape !== false)
      errs.push(invalid(`${p}.allowPrivilegeEscalation`, goValue.optional(ape), 'Allowing privilege escalation for containers is not allowed'));
    return errs;
  }
}
