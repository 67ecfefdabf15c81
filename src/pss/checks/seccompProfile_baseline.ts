/*
If seccomp profiles are specified, only runtime default and localhost profiles are allowed.

v1.0 - v1.18:
Restricted Fields:
metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']
metadata.annotations['container.seccomp.security.alpha.kubernetes.io/*']

Allowed Values: 'runtime/default', 'docker/default', 'localhost/*', undefined

v1.19+:
Restricted Fields:
spec.securityContext.seccompProfile.type
spec.containers[*].securityContext.seccompProfile.type
spec.initContainers[*].securityContext.seccompProfile.type

Allowed Values: 'RuntimeDefault', 'Localhost', undefined

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_seccompProfile_baseline.go
*/

import type { Container, PodSpec, SeccompProfile } from '../../k8s/types';
import { ALLOWED, forbidden, type CheckPodFn, type CheckResult, type PssCheck } from '../check';
import { goQuote, goString, sortedUnique } from '../go-strings';
import { anyContainer, badSetters, containerField, joinQuote, nameOf, pluralize, profileOf, visitContainers } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

type Annotations = Readonly<Record<string, unknown>>;

function validAnnotationValue(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}

function hasSeccompAnnotation(annotations: Annotations): boolean {
  for (const key in annotations) {
    if (key === POD_ANNOTATION || key.startsWith(CONTAINER_ANNOTATION_PREFIX)) return true;
  }
  return false;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The forbidden result for the pod's and its containers' annotations with forbidden values, if any. */
function reportAnnotations(spec: PodSpec, annotations: Annotations): CheckResult {
  const bad: { text: string; field: string }[] = [];
  const consider = (key: string) => {
    if (!hasOwn(annotations, key)) return;
    const value = goString(annotations[key]);
    if (!validAnnotationValue(value)) {
      bad.push({ text: `${key}=${goQuote(value)}`, field: `metadata.annotations[${JSON.stringify(key)}]` });
    }
  };
  consider(POD_ANNOTATION);
  visitContainers(spec, (c: Container) => consider(CONTAINER_ANNOTATION_PREFIX + nameOf(c)));
  if (bad.length === 0) return ALLOWED;

  const texts = sortedUnique(bad.map((b) => b.text));
  const fields: string[] = [];
  for (const t of texts) fields.push(bad.find((b) => b.text === t)!.field);
  return forbidden('seccompProfile', `forbidden ${pluralize('annotation', 'annotations', texts.length)} ${texts.join(', ')}`, fields);
}

/** Before seccompProfile fields existed, seccomp was set with alpha annotations. */
const seccompProfile_baseline_1_0: CheckPodFn = (meta, spec) => {
  const annotations: unknown = meta.annotations;
  if (annotations === null || typeof annotations !== 'object') return ALLOWED;
  // A cheap look first: most pods carry no seccomp annotation at all.
  return hasSeccompAnnotation(annotations as Annotations) ? reportAnnotations(spec, annotations as Annotations) : ALLOWED;
};

/** A set profile whose type is neither RuntimeDefault nor Localhost. */
function isBadProfile(profile: SeccompProfile | undefined): boolean {
  return profile !== undefined && profile.type !== 'RuntimeDefault' && profile.type !== 'Localhost';
}

function hasBadProfile(c: ContainerFields): boolean {
  return isBadProfile(profileOf(c.securityContext, 'seccompProfile'));
}

/** The forbidden result for a pod whose own or containers' profile types are forbidden. */
function reportFields(spec: PodSpec, podProfile: SeccompProfile | undefined): CheckResult {
  const podBad = isBadProfile(podProfile);
  const names: string[] = [];
  const values: string[] = [];
  const fields: string[] = [];
  if (podBad) {
    values.push(goString(podProfile!.type));
    fields.push('spec.securityContext.seccompProfile.type');
  }
  visitContainers(spec, (c, list, i) => {
    const profile = profileOf(c.securityContext, 'seccompProfile');
    if (!isBadProfile(profile)) return;
    names.push(nameOf(c));
    values.push(goString(profile!.type));
    fields.push(containerField(list, i, 'securityContext.seccompProfile.type'));
  });
  return forbidden(
    'seccompProfile',
    `${badSetters(podBad, names)} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(values))}`,
    fields,
  );
}

const seccompProfile_baseline_1_19: CheckPodFn = (_meta, spec, pod = podFacts(spec)) => {
  const podProfile = profileOf(spec.securityContext, 'seccompProfile');
  if (!isBadProfile(podProfile) && !anyContainer(pod, hasBadProfile)) return ALLOWED;
  return reportFields(spec, podProfile);
};

export const seccompProfile_baseline: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'Seccomp',
  description: 'If seccomp profiles are specified, only runtime default and localhost profiles are allowed.',
  versions: [
    { since: 'v1.0', check: seccompProfile_baseline_1_0 },
    { since: 'v1.19', check: seccompProfile_baseline_1_19 },
  ],
};
