/*
Containers must be required to run as non-root users.

Restricted Fields:
spec.securityContext.runAsNonRoot
spec.containers[*].securityContext.runAsNonRoot
spec.initContainers[*].securityContext.runAsNonRoot

Allowed Values:
true
undefined/null at container-level if pod-level is set to true

From policy version v1.35, pods in a user namespace (spec.hostUsers: false, KEP-127) are allowed
whatever they set: root in the container is not root on the host.

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_runAsNonRoot.go
*/

import { ALLOWED, forbidden, type CheckPodFn, type PssCheck } from '../check';
import { joinQuote, nameOf, pluralize } from '../helpers';

// Walked by hand rather than with visitContainers so that no path string is built for an allowed pod.
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

const REASON = 'runAsNonRoot != true';
const POD_FIELD = 'spec.securityContext.runAsNonRoot';

const runAsNonRootV1Dot0: CheckPodFn = (_meta, spec) => {
  // Only true and false count as set: anything else (a mistyped value) is treated as unset.
  const podValue: unknown = spec.securityContext?.runAsNonRoot;
  const podFalse = podValue === false;
  const podTrue = podValue === true;

  // Containers that explicitly set false, and containers that set nothing while the pod is not true.
  let explicitNames: string[] | undefined;
  let explicitFields: string[] | undefined;
  let implicitNames: string[] | undefined;
  let implicitFields: string[] | undefined;
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (c === null || typeof c !== 'object') continue;
      const value: unknown = c.securityContext?.runAsNonRoot;
      if (value === true) continue;
      if (value === false) {
        (explicitNames ??= []).push(nameOf(c));
        (explicitFields ??= []).push(`spec.${list}[${i}].securityContext.runAsNonRoot`);
      } else if (!podTrue) {
        (implicitNames ??= []).push(nameOf(c));
        (implicitFields ??= []).push(`spec.${list}[${i}].securityContext.runAsNonRoot`);
      }
    }
  }

  // Explicit false settings win: the message names only those.
  if (podFalse || explicitNames !== undefined) {
    const setters: string[] = [];
    const fields: string[] = [];
    if (podFalse) {
      setters.push('pod');
      fields.push(POD_FIELD);
    }
    if (explicitNames !== undefined && explicitFields !== undefined) {
      setters.push(`${pluralize('container', 'containers', explicitNames.length)} ${joinQuote(explicitNames)}`);
      fields.push(...explicitFields);
    }
    return forbidden(REASON, `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, fields);
  }

  // Setting the pod-level field alone would fix this, so it is reported first.
  if (implicitNames !== undefined && implicitFields !== undefined) {
    return forbidden(
      REASON,
      `pod or ${pluralize('container', 'containers', implicitNames.length)} ${joinQuote(implicitNames)} must set securityContext.runAsNonRoot=true`,
      [POD_FIELD, ...implicitFields],
    );
  }
  return ALLOWED;
};

export const runAsNonRoot: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  title: 'Running as Non-root',
  description: 'Containers must be required to run as non-root users.',
  versions: [
    { since: 'v1.0', check: runAsNonRootV1Dot0 },
    {
      // KEP-127: in a user namespace, the container's root maps to an unprivileged host user.
      since: 'v1.35',
      check(meta, spec) {
        if (spec.hostUsers === false) return ALLOWED;
        return runAsNonRootV1Dot0(meta, spec);
      },
    },
  ],
};
