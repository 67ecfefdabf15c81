/*
Setting the SELinux type is restricted, and setting a custom SELinux user or role option is forbidden.

Restricted Fields:
spec.securityContext.seLinuxOptions.type
spec.containers[*].securityContext.seLinuxOptions.type
spec.initContainers[*].securityContext.seLinuxOptions.type

Allowed Values:
undefined/empty
container_t
container_init_t
container_kvm_t
container_engine_t (v1.31+)

Restricted Fields:
spec.securityContext.seLinuxOptions.user
spec.containers[*].securityContext.seLinuxOptions.user
spec.initContainers[*].securityContext.seLinuxOptions.user
spec.securityContext.seLinuxOptions.role
spec.containers[*].securityContext.seLinuxOptions.role
spec.initContainers[*].securityContext.seLinuxOptions.role

Allowed Values: undefined/empty

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_seLinuxOptions.go
*/

import type { PodSpec, SELinuxOptions } from '../../k8s/types';
import { ALLOWED, forbidden, type CheckPodFn, type CheckResult, type PssCheck } from '../check';
import { goString, sortedUnique } from '../go-strings';
import { anyContainer, badSetters, containerField, joinQuote, nameOf, pluralize, visitContainers } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

export const ALLOWED_TYPES_1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
export const ALLOWED_TYPES_1_31: ReadonlySet<string> = new Set([...ALLOWED_TYPES_1_0, 'container_engine_t']);

/** The seLinuxOptions a security context sets, or undefined (null is unset, as in Go). */
function optionsOf(sc: { readonly seLinuxOptions?: SELinuxOptions } | undefined): SELinuxOptions | undefined {
  const opts: unknown = sc?.seLinuxOptions;
  return opts !== null && typeof opts === 'object' ? (opts as SELinuxOptions) : undefined;
}

function isBad(opts: SELinuxOptions | undefined, allowedTypes: ReadonlySet<string>): boolean {
  return opts !== undefined && (!allowedTypes.has(goString(opts.type)) || goString(opts.user) !== '' || goString(opts.role) !== '');
}

/** The forbidden result for a pod whose own or containers' seLinuxOptions are forbidden. */
function report(spec: PodSpec, allowedTypes: ReadonlySet<string>, podOpts: SELinuxOptions | undefined): CheckResult {
  const badTypes: string[] = [];
  let setUser = false;
  let setRole = false;
  const fields: string[] = [];
  // Records what is wrong with one seLinuxOptions at `at`.
  const record = (opts: SELinuxOptions, at: string): void => {
    const type = goString(opts.type);
    if (!allowedTypes.has(type)) {
      badTypes.push(type);
      fields.push(`${at}.type`);
    }
    if (goString(opts.user) !== '') {
      setUser = true;
      fields.push(`${at}.user`);
    }
    if (goString(opts.role) !== '') {
      setRole = true;
      fields.push(`${at}.role`);
    }
  };

  const podBad = isBad(podOpts, allowedTypes);
  if (podBad) record(podOpts!, 'spec.securityContext.seLinuxOptions');
  const names: string[] = [];
  visitContainers(spec, (c, list, i) => {
    const opts = optionsOf(c.securityContext);
    if (!isBad(opts, allowedTypes)) return;
    names.push(nameOf(c));
    record(opts!, containerField(list, i, 'securityContext.seLinuxOptions'));
  });

  const problems: string[] = [];
  if (badTypes.length > 0) {
    const types = sortedUnique(badTypes);
    problems.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
  }
  if (setUser) problems.push('user may not be set');
  if (setRole) problems.push('role may not be set');

  return forbidden('seLinuxOptions', `${badSetters(podBad, names)} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}`, fields);
}

function allowingTypes(allowedTypes: ReadonlySet<string>): CheckPodFn {
  const hasBadContainer = (c: ContainerFields): boolean => isBad(optionsOf(c.securityContext), allowedTypes);
  return (_meta, spec, pod = podFacts(spec)) => {
    const podOpts = optionsOf(spec.securityContext);
    if (!isBad(podOpts, allowedTypes) && !anyContainer(pod, hasBadContainer)) return ALLOWED;
    return report(spec, allowedTypes, podOpts);
  };
}

export const seLinuxOptions: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  title: 'SELinux',
  description: 'Setting the SELinux type is restricted, and setting a custom SELinux user or role option is forbidden.',
  versions: [
    { since: 'v1.0', check: allowingTypes(ALLOWED_TYPES_1_0) },
    // container_engine_t, for containers that run a container engine, is allowed from v1.31.
    { since: 'v1.31', check: allowingTypes(ALLOWED_TYPES_1_31) },
  ],
};
