// The seccomp strategy, driven by the policy's annotations. Upstream (v1.24.17):
// pkg/security/podsecuritypolicy/seccomp/strategy.go and pkg/api/pod/util.go (SeccompAnnotationForField).

import { forbidden, type FieldError } from '../field-error';
import { asObject, stringOf, type Json } from './pod-json';

export const SECCOMP_DEFAULT_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/defaultProfileName';
export const SECCOMP_ALLOWED_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/allowedProfileNames';
export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** SeccompAnnotationForField. */
export function seccompAnnotationForField(profile: Json): string {
  switch (profile.type) {
    case 'Unconfined':
      return 'unconfined';
    case 'RuntimeDefault':
      return 'runtime/default';
    case 'Localhost':
      if (typeof profile.localhostProfile === 'string') return `localhost/${profile.localhostProfile}`;
  }
  return '';
}

export class SeccompStrategy {
  private readonly defaultProfile: string;
  private readonly allowed: Set<string> | undefined;
  private readonly allowedString: string;
  private readonly allowAny: boolean;

  constructor(pspAnnotations: Readonly<Record<string, string>>) {
    this.defaultProfile = pspAnnotations[SECCOMP_DEFAULT_ANNOTATION] ?? '';
    this.allowedString = pspAnnotations[SECCOMP_ALLOWED_ANNOTATION] ?? '';
    let allowAny = false;
    if (SECCOMP_ALLOWED_ANNOTATION in pspAnnotations) {
      this.allowed = new Set();
      for (const p of this.allowedString.split(',')) {
        if (p === '*') {
          allowAny = true;
          continue;
        }
        // docker/default and runtime/default are the same profile.
        if (p === 'docker/default' || p === 'runtime/default') {
          this.allowed.add('runtime/default');
          this.allowed.add('docker/default');
        }
        this.allowed.add(p);
      }
    }
    this.allowAny = allowAny;
  }

  /** The pod annotation to write (when not ""). */
  generate(annotations: Json | undefined, podSC: Json | undefined): string {
    const a = stringOf(annotations?.[SECCOMP_POD_ANNOTATION]);
    if (a !== '') return a;
    const field = asObject(podSC?.seccompProfile);
    if (field) return seccompAnnotationForField(field);
    return this.defaultProfile;
  }

  private profileAllowed(profile: string): boolean {
    if ((this.allowed?.size ?? 0) === 0 && profile === '') return true;
    return this.allowAny || (this.allowed?.has(profile) ?? false);
  }

  private check(path: string, profile: string): FieldError[] {
    if (!this.allowAny && (this.allowed?.size ?? 0) === 0 && profile !== '') return [forbidden(path, 'seccomp may not be set')];
    if (!this.profileAllowed(profile)) return [forbidden(path, `${profile} is not an allowed seccomp profile. Valid values are ${this.allowedString}`)];
    return [];
  }

  validatePod(annotations: Json | undefined, podSC: Json | undefined): FieldError[] {
    let profile = stringOf(annotations?.[SECCOMP_POD_ANNOTATION]);
    const field = asObject(podSC?.seccompProfile);
    if (profile === '' && field) profile = seccompAnnotationForField(field);
    return this.check(`pod.metadata.annotations[${SECCOMP_POD_ANNOTATION}]`, profile);
  }

  validateContainer(annotations: Json | undefined, podSC: Json | undefined, container: Json): FieldError[] {
    const name = stringOf(container.name);
    return this.check(`pod.metadata.annotations[${SECCOMP_CONTAINER_PREFIX}${name}]`, profileForContainer(annotations, podSC, container));
  }
}

function profileForContainer(annotations: Json | undefined, podSC: Json | undefined, container: Json): string {
  const own = asObject(asObject(container.securityContext)?.seccompProfile);
  if (own) return seccompAnnotationForField(own);
  const key = SECCOMP_CONTAINER_PREFIX + stringOf(container.name);
  if (annotations && Object.hasOwn(annotations, key)) return stringOf(annotations[key]);
  const podField = asObject(podSC?.seccompProfile);
  if (podField) return seccompAnnotationForField(podField);
  return stringOf(annotations?.[SECCOMP_POD_ANNOTATION]);
}
