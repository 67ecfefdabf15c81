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

import type { Container, SeccompProfile } from '../../k8s/types';
import { ALLOWED, forbidden, type PssCheck } from '../check';
import { goQuote, joinQuote, nameOf, pluralize, visitContainers } from '../helpers';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** A string as the API server would decode it: absent or null is the empty string. */
function text(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** Go's sets.List(): unique and sorted by bytes (code points), not by UTF-16 units. */
function sortedUnique(values: readonly string[]): string[] {
  const out = [...new Set(values)];
  return out.sort((a, b) => {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < x.length && i < y.length; i++) {
      const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
      if (d !== 0) return d;
    }
    return x.length - y.length;
  });
}

function validAnnotationValue(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}

function validType(t: unknown): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

/** The seccompProfile a security context sets, or undefined (null is unset, as in Go). */
function profileOf(sc: { readonly seccompProfile?: SeccompProfile } | undefined): SeccompProfile | undefined {
  const p = sc?.seccompProfile;
  return p !== null && typeof p === 'object' ? p : undefined;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export const seccompProfile_baseline: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'Seccomp',
  description: 'If seccomp profiles are specified, only runtime default and localhost profiles are allowed.',
  versions: [
    {
      since: 'v1.0',
      // Before seccompProfile fields existed, seccomp was set with alpha annotations.
      check(meta, spec) {
        const annotations: unknown = meta.annotations;
        if (annotations === null || typeof annotations !== 'object') return ALLOWED;
        const ann = annotations as Readonly<Record<string, unknown>>;
        // Cheap exit without allocating: no seccomp annotation at all.
        let any = false;
        for (const k in ann) {
          if (k === POD_ANNOTATION || k.startsWith(CONTAINER_ANNOTATION_PREFIX)) {
            any = true;
            break;
          }
        }
        if (!any) return ALLOWED;

        const bad: { text: string; field: string }[] = [];
        const consider = (key: string) => {
          if (!hasOwn(ann, key)) return;
          const value = text(ann[key]);
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
        return forbidden(
          'seccompProfile',
          `forbidden ${pluralize('annotation', 'annotations', texts.length)} ${texts.join(', ')}`,
          fields,
        );
      },
    },
    {
      since: 'v1.19',
      check(_meta, spec) {
        let podSets = false;
        let names: string[] | undefined;
        let values: string[] | undefined;
        let fields: string[] | undefined;

        const podProfile = profileOf(spec.securityContext);
        if (podProfile !== undefined && !validType(podProfile.type)) {
          podSets = true;
          values = [text(podProfile.type)];
          fields = ['spec.securityContext.seccompProfile.type'];
        }
        visitContainers(spec, (c, path) => {
          const profile = profileOf(c.securityContext);
          if (profile !== undefined && !validType(profile.type)) {
            (names ??= []).push(nameOf(c));
            (values ??= []).push(text(profile.type));
            (fields ??= []).push(`${path}.securityContext.seccompProfile.type`);
          }
        });
        if (values === undefined || fields === undefined) return ALLOWED;

        const setters: string[] = [];
        if (podSets) setters.push('pod');
        if (names !== undefined) setters.push(`${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`);
        return forbidden(
          'seccompProfile',
          `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(values))}`,
          fields,
        );
      },
    },
  ],
};
