/*
Containers must not set runAsUser: 0

Restricted Fields:
spec.securityContext.runAsUser
spec.containers[*].securityContext.runAsUser
spec.initContainers[*].securityContext.runAsUser

Allowed Values:
non-zero values
undefined/null

v1.35+: pods that do not share the host's user namespace (spec.hostUsers: false) are exempt,
because UID 0 inside a user namespace maps to an unprivileged UID on the host
(KEP-127, user namespaces).

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_runAsUser.go
*/

import { ALLOWED, forbidden, type CheckPodFn, type PssCheck } from '../check';
import { joinQuote, nameOf, pluralize, visitContainers } from '../helpers';

const checkRunAsUser: CheckPodFn = (_meta, spec) => {
  let podSets = false;
  let names: string[] | undefined;
  let fields: string[] | undefined;

  if (spec.securityContext?.runAsUser === 0) {
    podSets = true;
    fields = ['spec.securityContext.runAsUser'];
  }
  visitContainers(spec, (c, path) => {
    if (c.securityContext?.runAsUser === 0) {
      (names ??= []).push(nameOf(c));
      (fields ??= []).push(`${path}.securityContext.runAsUser`);
    }
  });
  if (fields === undefined) return ALLOWED;

  const setters: string[] = [];
  if (podSets) setters.push('pod');
  if (names !== undefined) setters.push(`${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`);
  return forbidden('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`, fields);
};

export const runAsUser: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  title: 'Running as Non-root user',
  description: 'Containers must not set runAsUser to 0.',
  versions: [
    { since: 'v1.23', check: checkRunAsUser },
    {
      since: 'v1.35',
      // KEP-127: a pod in its own user namespace may run as UID 0 inside it.
      check(meta, spec) {
        if (spec.hostUsers === false) return ALLOWED;
        return checkRunAsUser(meta, spec);
      },
    },
  ],
};
