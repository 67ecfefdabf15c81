/*
A pod sets a security profile through a deprecated annotation instead of the field:
seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/NAME
(fields since v1.19, KEP-135 "Seccomp to GA"), container.apparmor.security.beta.kubernetes.io/NAME
(field since v1.30, KEP-24 "AppArmor graduation to GA"). The API server still copies an annotation
into an unset field when a pod is created (pkg/registry/core/pod/strategy.go applySeccompVersionSkew
and applyAppArmorVersionSkew), and warns about it (pkg/api/pod/warnings.go: deprecated, "non-functional
in a future release"); the kubelet reads the fields. Reported while the annotation is there and its field is unset or says the same.
*/

import type { PodPolicy, PolicyFinding } from '../policy';
import { PASS } from '../policy';
import { APPARMOR_CONTAINER_ANNOTATION_PREFIX, SECCOMP_CONTAINER_ANNOTATION_PREFIX, SECCOMP_POD_ANNOTATION } from '../localhost-profiles';
import { REF } from '../references';
import type { ObjectMeta, PodSpec } from '../../k8s/types';
import { forEachContainer } from '../visit';

function deprecatedKeys(meta: ObjectMeta | undefined): string[] | undefined {
  const a = meta?.annotations;
  if (a === null || typeof a !== 'object') return undefined;
  let out: string[] | undefined;
  for (const key in a)
    if (key === SECCOMP_POD_ANNOTATION || key.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX) || key.startsWith(APPARMOR_CONTAINER_ANNOTATION_PREFIX))
      (out ??= []).push(key);
  return out;
}

/** The pod-relative path of the field an annotation stands for, or undefined when its container does not exist. */
export function fieldForAnnotation(key: string, spec: PodSpec): string | undefined {
  if (key === SECCOMP_POD_ANNOTATION) return 'spec.securityContext.seccompProfile';
  const apparmor = key.startsWith(APPARMOR_CONTAINER_ANNOTATION_PREFIX);
  const name = key.slice((apparmor ? APPARMOR_CONTAINER_ANNOTATION_PREFIX : SECCOMP_CONTAINER_ANNOTATION_PREFIX).length);
  let found: string | undefined;
  forEachContainer(spec, (c, path) => {
    if (found === undefined && c.name === name) found = `${path}.securityContext.${apparmor ? 'appArmorProfile' : 'seccompProfile'}`;
  });
  return found;
}

/** The value at a pod-relative path (`spec.containers[0].securityContext.seccompProfile`). */
export function fieldValue(spec: PodSpec, path: string): unknown {
  let node: unknown = { spec };
  for (const step of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node ?? undefined;
}

/** The field value an annotation value stands for, as the API server maps it; undefined for one it rejects. */
export function profileField(kind: 'seccomp' | 'apparmor', value: string): { type: string; localhostProfile?: string } | undefined {
  if (value === 'runtime/default' || (kind === 'seccomp' && value === 'docker/default')) return { type: 'RuntimeDefault' };
  if (value === 'unconfined') return { type: 'Unconfined' };
  if (value.startsWith('localhost/') && value.length > 'localhost/'.length) return { type: 'Localhost', localhostProfile: value.slice('localhost/'.length) };
  return undefined;
}

/** Whether the field already says what the annotation says (then only the annotation is left to go). */
export function fieldMatches(field: unknown, wanted: { type: string; localhostProfile?: string } | undefined): boolean {
  if (wanted === undefined || field === null || typeof field !== 'object') return false;
  const f = field as { type?: unknown; localhostProfile?: unknown };
  return f.type === wanted.type && (f.localhostProfile ?? undefined) === wanted.localhostProfile;
}

export const profileAnnotationDeprecated: PodPolicy = {
  id: 'profile-annotation-deprecated',
  title: 'Security profile set by a deprecated annotation',
  severity: 'low',
  category: 'isolation',
  preset: 'recommended',
  rationale:
    'The seccomp (alpha) and AppArmor (beta) annotations are deprecated: the fields replaced them (seccomp in v1.19, AppArmor ' +
    'in v1.30). Today the API server copies an annotation into the unset field when the pod is created, with a warning; the ' +
    'annotations are to become non-functional, and a workload that relies on them will then silently run without its profile.',
  remediation:
    'Move the profile into securityContext.seccompProfile / securityContext.appArmorProfile of the pod or container and delete ' +
    'the annotation ("podguard fix" does it where the target Kubernetes version has the field).',
  references: [REF.seccomp, REF.apparmor],
  check: (meta, spec) => {
    const keys = deprecatedKeys(meta);
    if (keys === undefined) return PASS;
    let out: PolicyFinding[] | undefined;
    for (const key of keys) {
      const field = fieldForAnnotation(key, spec);
      // A field that differs is in force (and API validation refuses the mismatch): not this policy's business.
      const current = field === undefined ? undefined : fieldValue(spec, field);
      const value = (meta!.annotations as Record<string, unknown>)[key];
      if (
        current !== undefined &&
        !fieldMatches(current, typeof value === 'string' ? profileField(key.includes('apparmor') ? 'apparmor' : 'seccomp', value) : undefined)
      )
        continue;
      const container = key === SECCOMP_POD_ANNOTATION ? undefined : key.slice(key.indexOf('/') + 1);
      (out ??= []).push({
        detail: `annotation ${key} sets ${key.includes('apparmor') ? 'an AppArmor' : 'a seccomp'} profile${container !== undefined ? ` for container "${container}"` : ''}; use the securityContext field`,
        fields: [`metadata.annotations[${JSON.stringify(key)}]`],
        ...(container !== undefined ? { container } : {}),
      });
    }
    return out ?? PASS;
  },
};
