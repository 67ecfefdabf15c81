/*
On supported hosts, the 'runtime/default' AppArmor profile is applied by default.
The baseline policy should prevent overriding or disabling the default AppArmor
profile, or restrict overrides to an allowed set of profiles.

Restricted Fields:
metadata.annotations['container.apparmor.security.beta.kubernetes.io/*']

Allowed Values: 'runtime/default', 'localhost/*', empty, undefined

Restricted Fields:
spec.securityContext.appArmorProfile.type
spec.containers[*].securityContext.appArmorProfile.type
spec.initContainers[*].securityContext.appArmorProfile.type
spec.ephemeralContainers[*].securityContext.appArmorProfile.type

Allowed Values: 'RuntimeDefault', 'Localhost', undefined

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_appArmorProfile.go
(The appArmorProfile fields came with Kubernetes 1.30; upstream checks them in its one v1.0
version, so they apply at every policy version.)
*/

import type { AppArmorProfile, ObjectMeta, PodSpec } from '../../k8s/types';
import { ALLOWED, forbidden, type CheckResult, type PssCheck } from '../check';
import { compareGo, goQuote, goString, sortedUnique } from '../go-strings';
import { anyContainer, containerField, joinQuote, nameOf, pluralize, profileOf, quotedContainers, visitContainers } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** The prefix test, with a cheap length pre-check that keeps the common allowed path fast. */
function isAppArmorKey(key: string): boolean {
  return key.length >= ANNOTATION_PREFIX.length && key.lastIndexOf(ANNOTATION_PREFIX, 0) === 0;
}

function allowedAnnotationValue(value: unknown): boolean {
  const profile = goString(value);
  return profile === '' || profile === 'runtime/default' || profile.startsWith('localhost/');
}

/** The profile's type when it is set to a forbidden one, else undefined. */
function badType(profile: AppArmorProfile | undefined): string | undefined {
  if (profile === undefined) return undefined;
  const type = profile.type;
  return type === 'RuntimeDefault' || type === 'Localhost' ? undefined : goString(type);
}

function containerBadType(c: ContainerFields): string | undefined {
  return badType(profileOf(c.securityContext, 'appArmorProfile'));
}

function hasBadContainer(c: ContainerFields): boolean {
  return containerBadType(c) !== undefined;
}

/** The annotations, when they are a map. */
function annotationsOf(meta: ObjectMeta): Readonly<Record<string, unknown>> | undefined {
  const annotations: unknown = meta.annotations;
  return annotations !== null && typeof annotations === 'object' && !Array.isArray(annotations) ? (annotations as Record<string, unknown>) : undefined;
}

function hasBadAnnotation(annotations: Readonly<Record<string, unknown>> | undefined): boolean {
  if (annotations === undefined) return false;
  for (const key in annotations) {
    if (isAppArmorKey(key) && !allowedAnnotationValue(annotations[key])) return true;
  }
  return false;
}

/** The forbidden result for a pod whose profile type or annotations are forbidden. */
function report(spec: PodSpec, podType: string | undefined, annotations: Readonly<Record<string, unknown>> | undefined): CheckResult {
  const setters: string[] = [];
  const fields: string[] = [];
  const badTypes: string[] = [];
  if (podType !== undefined) {
    setters.push('pod');
    fields.push('spec.securityContext.appArmorProfile.type');
    badTypes.push(podType);
  }

  const containers: string[] = [];
  visitContainers(spec, (c, list, i) => {
    const type = containerBadType(c);
    if (type === undefined) return;
    containers.push(nameOf(c));
    fields.push(containerField(list, i, 'securityContext.appArmorProfile.type'));
    badTypes.push(type);
  });
  if (containers.length > 0) setters.push(quotedContainers(containers));

  // The annotations follow the types, sorted among themselves, each printed as key=%q.
  const badAnnotations: { readonly text: string; readonly key: string }[] = [];
  if (annotations !== undefined) {
    for (const key in annotations) {
      const value = annotations[key];
      if (isAppArmorKey(key) && !allowedAnnotationValue(value)) {
        badAnnotations.push({ text: `${key}=${goQuote(goString(value))}`, key });
      }
    }
  }
  const badValues = sortedUnique(badTypes);
  if (badAnnotations.length > 0) {
    badAnnotations.sort((a, b) => compareGo(a.text, b.text));
    for (const a of badAnnotations) {
      badValues.push(a.text);
      fields.push(`metadata.annotations[${JSON.stringify(a.key)}]`);
    }
    setters.push(pluralize('annotation', 'annotations', badAnnotations.length));
  }

  return forbidden(
    pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', badValues.length),
    `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(badValues)}`,
    fields,
  );
}

export const appArmorProfile: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  title: 'AppArmor',
  description:
    "On supported hosts, the 'runtime/default' AppArmor profile is applied by default. The baseline policy should prevent " +
    'overriding or disabling the default AppArmor profile, or restrict overrides to an allowed set of profiles.',
  versions: [
    {
      since: 'v1.0',
      check(meta, spec, pod = podFacts(spec)) {
        const podType = badType(profileOf(spec.securityContext, 'appArmorProfile'));
        const annotations = annotationsOf(meta);
        if (podType === undefined && !anyContainer(pod, hasBadContainer) && !hasBadAnnotation(annotations)) return ALLOWED;
        return report(spec, podType, annotations);
      },
    },
  ],
};
