// The AppArmor strategy, driven by the policy's annotations. Upstream (v1.24.17):
// pkg/security/podsecuritypolicy/apparmor/strategy.go.

import { goQuote } from '../../pss/go-strings';
import { forbidden, type FieldError } from '../field-error';
import { stringOf, type Json } from './pod-json';

export const APPARMOR_DEFAULT_ANNOTATION = 'apparmor.security.beta.kubernetes.io/defaultProfileName';
export const APPARMOR_ALLOWED_ANNOTATION = 'apparmor.security.beta.kubernetes.io/allowedProfileNames';
export const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export class AppArmorStrategy {
  private readonly defaultProfile: string;
  private readonly allowed: Set<string> | undefined;
  private readonly allowedString: string;

  constructor(pspAnnotations: Readonly<Record<string, string>>) {
    this.defaultProfile = pspAnnotations[APPARMOR_DEFAULT_ANNOTATION] ?? '';
    this.allowedString = pspAnnotations[APPARMOR_ALLOWED_ANNOTATION] ?? '';
    if (APPARMOR_ALLOWED_ANNOTATION in pspAnnotations) this.allowed = new Set(this.allowedString.split(','));
  }

  /** The pod's annotations after defaulting this container's profile (a copy; undefined stays undefined unless a default is written). */
  generate(annotations: Json | undefined, container: Json): Json | undefined {
    const copy = annotations === undefined ? undefined : { ...annotations };
    const key = APPARMOR_CONTAINER_PREFIX + stringOf(container.name);
    if (stringOf(annotations?.[key]) !== '' || this.defaultProfile === '') return copy;
    return { ...(copy ?? {}), [key]: this.defaultProfile };
  }

  validate(annotations: Json | undefined, container: Json): FieldError[] {
    if (this.allowed === undefined) return [];
    const key = APPARMOR_CONTAINER_PREFIX + stringOf(container.name);
    const path = `pod.metadata.annotations[${key}]`;
    const profile = stringOf(annotations?.[key]);
    if (profile === '') return this.allowed.size > 0 ? [forbidden(path, 'AppArmor profile must be set')] : [];
    if (!this.allowed.has(profile)) return [forbidden(path, `${profile} is not an allowed profile. Allowed values: ${goQuote(this.allowedString)}`)];
    return [];
  }
}
