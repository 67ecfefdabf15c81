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

import { ALLOWED, forbidden, type PssCheck } from '../check';
import type { AppArmorProfile, Container, ObjectMeta, PodSpec } from '../../k8s/types';
import { goQuote, joinQuote, nameOf, pluralize, visitContainers } from '../helpers';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Go's view of a string field or map value: null and absent are the empty string. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

/** The prefix test, with a cheap length pre-check that keeps the common allowed path fast. */
function isAppArmorKey(key: string): boolean {
  return key.length >= ANNOTATION_PREFIX.length && key.lastIndexOf(ANNOTATION_PREFIX, 0) === 0;
}

function allowedAnnotationValue(value: unknown): boolean {
  const profile = text(value);
  return profile === '' || profile === 'runtime/default' || profile.startsWith('localhost/');
}

/** The profile's type when it is set to a forbidden one, else undefined. */
function badType(profile: AppArmorProfile | undefined): string | undefined {
  if (profile === null || typeof profile !== 'object') return undefined;
  const type = profile.type;
  return type === 'RuntimeDefault' || type === 'Localhost' ? undefined : text(type);
}

function containerBadType(c: Container): string | undefined {
  return badType(c.securityContext?.appArmorProfile);
}

function hasBadContainer(c: Container): boolean {
  return containerBadType(c) !== undefined;
}

/** The annotations, when they are a map. */
function annotationsOf(meta: ObjectMeta): Readonly<Record<string, unknown>> | undefined {
  const annotations: unknown = meta.annotations;
  return annotations !== null && typeof annotations === 'object' && !Array.isArray(annotations)
    ? (annotations as Record<string, unknown>)
    : undefined;
}

function hasBadAnnotation(annotations: Readonly<Record<string, unknown>> | undefined): boolean {
  if (annotations === undefined) return false;
  for (const key in annotations) {
    if (isAppArmorKey(key) && !allowedAnnotationValue(annotations[key])) return true;
  }
  return false;
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

/** Go's string order (by UTF-8 bytes, i.e. by code point), which differs from UTF-16 order above U+FFFF. */
function compareGo(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (code points above U+FFFF) sort after U+E000–U+FFFF.
      x = x < 0xe000 ? x + 0x2000 : x - 0x800;
      y = y < 0xe000 ? y + 0x2000 : y - 0x800;
    }
    return x - y;
  }
  return a.length - b.length;
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
      check(meta, spec) {
        const podType = badType(spec.securityContext?.appArmorProfile);
        const annotations = annotationsOf(meta);
        if (podType === undefined && !anyContainer(spec, hasBadContainer) && !hasBadAnnotation(annotations)) return ALLOWED;

        const setters: string[] = [];
        const fields: string[] = [];
        const badTypes = new Set<string>();
        if (podType !== undefined) {
          setters.push('pod');
          fields.push('spec.securityContext.appArmorProfile.type');
          badTypes.add(podType);
        }

        const containers: string[] = [];
        visitContainers(spec, (c, path) => {
          const type = containerBadType(c);
          if (type === undefined) return;
          containers.push(nameOf(c));
          fields.push(`${path}.securityContext.appArmorProfile.type`);
          badTypes.add(type);
        });
        if (containers.length > 0) setters.push(`${pluralize('container', 'containers', containers.length)} ${joinQuote(containers)}`);

        const badAnnotations: { readonly text: string; readonly key: string }[] = [];
        if (annotations !== undefined) {
          for (const key in annotations) {
            const value = annotations[key];
            if (isAppArmorKey(key) && !allowedAnnotationValue(value)) {
              badAnnotations.push({ text: `${key}=${goQuote(text(value))}`, key });
            }
          }
        }
        const badValues = [...badTypes].sort(compareGo);
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
      },
    },
  ],
};
