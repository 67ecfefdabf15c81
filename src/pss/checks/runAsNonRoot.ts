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

import { ALLOWED, forbidden, type CheckPodFn, type CheckResult, type PssCheck } from '../check';
import { anyContainer, badSetters, containerField, exempting, inUserNamespace, nameOf, quotedContainers } from '../helpers';
import { podFacts, type ContainerFields, type PodFacts } from '../pod-facts';

const REASON = 'runAsNonRoot != true';
const POD_FIELD = 'spec.securityContext.runAsNonRoot';
const FIELD = 'securityContext.runAsNonRoot';

// Only true and false count as set: anything else (a mistyped value) is treated as unset.
function setsFalse(c: ContainerFields): boolean {
  return c.securityContext?.runAsNonRoot === false;
}

function notTrue(c: ContainerFields): boolean {
  return c.securityContext?.runAsNonRoot !== true;
}

/** The forbidden result for a pod or containers that set false, or leave it unset without the pod setting true. */
function report(pod: PodFacts, podFalse: boolean, podTrue: boolean): CheckResult {
  // Containers that explicitly set false, and containers that set nothing while the pod is not true.
  const explicitNames: string[] = [];
  const explicitFields: string[] = [];
  const implicitNames: string[] = [];
  const implicitFields: string[] = [POD_FIELD];
  const containers = pod.containers;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]!;
    const value: unknown = c.securityContext?.runAsNonRoot;
    if (value === true) continue;
    if (value === false) {
      explicitNames.push(nameOf(c));
      explicitFields.push(containerField(c.list, c.index, FIELD));
    } else if (!podTrue) {
      implicitNames.push(nameOf(c));
      implicitFields.push(containerField(c.list, c.index, FIELD));
    }
  }

  // Explicit false settings win: the message names only those.
  if (podFalse || explicitNames.length > 0) {
    return forbidden(
      REASON,
      `${badSetters(podFalse, explicitNames)} must not set securityContext.runAsNonRoot=false`,
      podFalse ? [POD_FIELD, ...explicitFields] : explicitFields,
    );
  }
  // Setting the pod-level field alone would fix this, so it is reported first.
  return forbidden(REASON, `pod or ${quotedContainers(implicitNames)} must set securityContext.runAsNonRoot=true`, implicitFields);
}

const runAsNonRoot_1_0: CheckPodFn = (_meta, spec, pod = podFacts(spec)) => {
  const podValue: unknown = spec.securityContext?.runAsNonRoot;
  const podFalse = podValue === false;
  const podTrue = podValue === true;
  // A container passes when it sets true, or sets nothing while the pod sets true.
  if (!podFalse && !(podTrue ? anyContainer(pod, setsFalse) : anyContainer(pod, notTrue))) return ALLOWED;
  return report(pod, podFalse, podTrue);
};

export const runAsNonRoot: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  title: 'Running as Non-root',
  description: 'Containers must be required to run as non-root users.',
  versions: [
    { since: 'v1.0', check: runAsNonRoot_1_0 },
    // KEP-127: in a user namespace, the container's root maps to an unprivileged host user.
    { since: 'v1.35', check: exempting(inUserNamespace, runAsNonRoot_1_0) },
  ],
};
