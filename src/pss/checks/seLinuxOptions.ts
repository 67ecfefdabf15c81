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

import type { SELinuxOptions } from '../../k8s/types';
import { ALLOWED, forbidden, type CheckPodFn, type PssCheck } from '../check';
import { joinQuote, nameOf, pluralize, visitContainers } from '../helpers';

const ALLOWED_TYPES_1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const ALLOWED_TYPES_1_31: ReadonlySet<string> = new Set([...ALLOWED_TYPES_1_0, 'container_engine_t']);

/** A string field as the API server would decode it: absent is the empty string. */
function text(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** Go's sets.List(): unique and sorted by bytes (code points), not by UTF-16 units. */
function sortedUnique(values: readonly string[]): string[] {
  const out = [...new Set(values)];
  return out.sort((a, b) => {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < x.length && i < y.length; i++) {
      const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
      if (d !== 0) return d;
    }
    return x.length - y.length;
  });
}

function isObject(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}

function allowingTypes(allowedTypes: ReadonlySet<string>): CheckPodFn {
  return (_meta, spec) => {
    let badTypes: string[] | undefined;
    let setUser = false;
    let setRole = false;
    let fields: string[] | undefined;

    // Records what is wrong with one seLinuxOptions; true when anything is.
    const invalid = (opts: SELinuxOptions, at: string): boolean => {
      let bad = false;
      const type = text(opts.type);
      if (!allowedTypes.has(type)) {
        (badTypes ??= []).push(type);
        (fields ??= []).push(`${at}.type`);
        bad = true;
      }
      if (text(opts.user).length > 0) {
        setUser = true;
        (fields ??= []).push(`${at}.user`);
        bad = true;
      }
      if (text(opts.role).length > 0) {
        setRole = true;
        (fields ??= []).push(`${at}.role`);
        bad = true;
      }
      return bad;
    };

    const podOpts = spec.securityContext?.seLinuxOptions;
    const podBad = isObject(podOpts) && invalid(podOpts, 'spec.securityContext.seLinuxOptions');

    let names: string[] | undefined;
    visitContainers(spec, (c, path) => {
      const opts = c.securityContext?.seLinuxOptions;
      if (isObject(opts) && invalid(opts, `${path}.securityContext.seLinuxOptions`)) (names ??= []).push(nameOf(c));
    });
    if (fields === undefined) return ALLOWED;

    const setters: string[] = [];
    if (podBad) setters.push('pod');
    if (names !== undefined) setters.push(`${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`);

    const problems: string[] = [];
    if (badTypes !== undefined) {
      const types = sortedUnique(badTypes);
      problems.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    }
    if (setUser) problems.push('user may not be set');
    if (setRole) problems.push('role may not be set');

    return forbidden(
      'seLinuxOptions',
      `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}`,
      fields,
    );
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
