/*
Privilege escalation (such as via set-user-ID or set-group-ID file mode) should not be allowed.

Restricted Fields:
spec.containers[*].securityContext.allowPrivilegeEscalation
spec.initContainers[*].securityContext.allowPrivilegeEscalation

Allowed Values: false

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_allowPrivilegeEscalation.go
*/

import { ALLOWED, forbidden, type CheckPodFn, type PssCheck } from '../check';
import type { Container, PodSpec } from '../../k8s/types';
import { isWindowsPod, joinQuote, nameOf, pluralize, visitContainers } from '../helpers';

/** Anything but an explicit `false` (unset included) lets the container escalate. */
function mayEscalate(c: Container): boolean {
  return c.securityContext?.allowPrivilegeEscalation !== false;
}

/** Whether any container fails `test`; allocation-free, so an allowed pod costs no garbage. */
function anyContainer(spec: PodSpec, test: (c: Container) => boolean): boolean {
  return anyIn(spec.initContainers, test) || anyIn(spec.containers, test) || anyIn(spec.ephemeralContainers, test);
}

function anyIn(list: readonly Container[] | undefined, test: (c: Container) => boolean): boolean {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) {
    const c: unknown = list[i];
    if (c !== null && typeof c === 'object' && test(c as Container)) return true;
  }
  return false;
}

const allowPrivilegeEscalation_1_8: CheckPodFn = (_meta, spec) => {
  if (!anyContainer(spec, mayEscalate)) return ALLOWED;
  const names: string[] = [];
  const fields: string[] = [];
  visitContainers(spec, (c, path) => {
    if (mayEscalate(c)) {
      names.push(nameOf(c));
      fields.push(`${path}.securityContext.allowPrivilegeEscalation`);
    }
  });
  return forbidden(
    'allowPrivilegeEscalation != false',
    `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must set securityContext.allowPrivilegeEscalation=false`,
    fields,
  );
};

export const allowPrivilegeEscalation: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  title: 'Privilege Escalation',
  description: 'Privilege escalation (such as via set-user-ID or set-group-ID file mode) should not be allowed.',
  versions: [
    // The field exists since Kubernetes 1.8.
    { since: 'v1.8', check: allowPrivilegeEscalation_1_8 },
    {
      // KEP-2802: API validation forbids the field on Windows pods (spec.os.name=windows), so they are admitted.
      since: 'v1.25',
      check: (meta, spec) => (isWindowsPod(spec) ? ALLOWED : allowPrivilegeEscalation_1_8(meta, spec)),
    },
  ],
};
