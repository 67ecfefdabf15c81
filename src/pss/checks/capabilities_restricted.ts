/*
Containers must drop ALL, and may only add NET_BIND_SERVICE.

Restricted Fields:
spec.containers[*].securityContext.capabilities.drop
spec.initContainers[*].securityContext.capabilities.drop

Allowed Values:
Must include "ALL"

Restricted Fields:
spec.containers[*].securityContext.capabilities.add
spec.initContainers[*].securityContext.capabilities.add

Allowed Values:
undefined / empty
"NET_BIND_SERVICE"

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_capabilities_restricted.go
*/

import type { Capabilities } from '../../k8s/types';
import { ALLOWED, forbidden, type CheckPodFn, type CheckResult, type PssCheck } from '../check';
import { goString, sortedUnique } from '../go-strings';
import { anyContainer, containerField, exempting, isWindowsPod, joinQuote, nameOf, quotedContainers } from '../helpers';
import { podFacts, type ContainerFields, type PodFacts } from '../pod-facts';

const CAPABILITY_ALL = 'ALL';
const CAPABILITY_NET_BIND_SERVICE = 'NET_BIND_SERVICE';
const NONE: readonly unknown[] = Object.freeze([]);

/** The container's capabilities, or undefined where upstream sees a nil pointer. */
function capabilitiesOf(c: ContainerFields): Capabilities | undefined {
  const caps: unknown = c.securityContext?.capabilities;
  return caps !== null && typeof caps === 'object' ? (caps as Capabilities) : undefined;
}

function dropsAll(caps: Capabilities | undefined): boolean {
  const drop: unknown = caps?.drop;
  return Array.isArray(drop) && drop.includes(CAPABILITY_ALL);
}

/** The capabilities.add list (upstream reads it only when capabilities is set), or an empty one. */
function addedOf(caps: Capabilities | undefined): readonly unknown[] {
  const add: unknown = caps?.add;
  return Array.isArray(add) ? add : NONE;
}

function addsForbidden(caps: Capabilities | undefined): boolean {
  const add = addedOf(caps);
  for (let i = 0; i < add.length; i++) if (add[i] !== CAPABILITY_NET_BIND_SERVICE) return true;
  return false;
}

function unrestricted(c: ContainerFields): boolean {
  const caps = capabilitiesOf(c);
  return !dropsAll(caps) || addsForbidden(caps);
}

/** The forbidden result for a pod where some container does not drop ALL or adds more than NET_BIND_SERVICE. */
function report(pod: PodFacts): CheckResult {
  const missingDropAll: string[] = [];
  const missingDropAllFields: string[] = [];
  const addingForbidden: string[] = [];
  const addingForbiddenFields: string[] = [];
  const forbiddenCapabilities: string[] = [];
  const containers = pod.containers;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]!;
    const caps = capabilitiesOf(c);
    if (!dropsAll(caps)) {
      missingDropAll.push(nameOf(c));
      missingDropAllFields.push(containerField(c.list, c.index, 'securityContext.capabilities.drop'));
    }
    if (addsForbidden(caps)) {
      addingForbidden.push(nameOf(c));
      addingForbiddenFields.push(containerField(c.list, c.index, 'securityContext.capabilities.add'));
      const added = addedOf(caps);
      for (let j = 0; j < added.length; j++) {
        if (added[j] !== CAPABILITY_NET_BIND_SERVICE) forbiddenCapabilities.push(goString(added[j]));
      }
    }
  }
  const dropDetail = missingDropAll.length > 0 ? `${quotedContainers(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]` : '';
  if (addingForbidden.length === 0) return forbidden('unrestricted capabilities', dropDetail, missingDropAllFields);
  const addDetail = `${quotedContainers(addingForbidden)} must not include ${joinQuote(sortedUnique(forbiddenCapabilities))} in securityContext.capabilities.add`;
  return forbidden(
    'unrestricted capabilities',
    dropDetail === '' ? addDetail : `${dropDetail}; ${addDetail}`,
    missingDropAllFields.length === 0 ? addingForbiddenFields : missingDropAllFields.concat(addingForbiddenFields),
  );
}

const capabilities_restricted_1_22: CheckPodFn = (_meta, spec, pod = podFacts(spec)) => (anyContainer(pod, unrestricted) ? report(pod) : ALLOWED);

export const capabilities_restricted: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  title: 'Capabilities',
  description: 'Containers must drop ALL, and may only add NET_BIND_SERVICE.',
  versions: [
    { since: 'v1.22', check: capabilities_restricted_1_22, overrides: ['capabilities_baseline'] },
    // KEP-2802: API validation forbids capabilities on Windows pods (spec.os.name=windows), so they are admitted.
    { since: 'v1.25', check: exempting(isWindowsPod, capabilities_restricted_1_22), overrides: ['capabilities_baseline'] },
  ],
};
