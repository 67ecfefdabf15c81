// Every Localhost security profile a pod names, wherever it names it: the seccompProfile and
// appArmorProfile fields of the pod and of each container, the deprecated annotations
// (seccomp.security.alpha.kubernetes.io/pod, container.seccomp.security.alpha.kubernetes.io/NAME,
// container.apparmor.security.beta.kubernetes.io/NAME, whose Localhost values are
// `localhost/<name>`: k8s.io/api/core/v1 annotation_key_constants.go), and SELinux types. Shared
// by the reference check (scan, audit, webhook) and the webhook's node affinity.

import type { ObjectMeta, PodSpec } from '../k8s/types';
import { forEachContainer } from './visit';

export type LocalhostKind = 'seccomp' | 'apparmor' | 'selinux';

export interface LocalhostReference {
  readonly kind: LocalhostKind;
  /** seccomp: path below the kubelet's seccomp folder; AppArmor: profile name; SELinux: type. */
  readonly name: string;
  /** Pod-relative path of the field (or the annotation) that names it. */
  readonly field: string;
  readonly container?: string;
}

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
export const APPARMOR_CONTAINER_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const LOCALHOST = 'localhost/';

interface ProfileField {
  readonly type?: unknown;
  readonly localhostProfile?: unknown;
}
interface WithContexts {
  readonly seccompProfile?: ProfileField;
  readonly appArmorProfile?: ProfileField;
  readonly seLinuxOptions?: { readonly type?: unknown };
}

function fromContext(sc: WithContexts | undefined, at: string, container: string | undefined, out: LocalhostReference[]): void {
  if (sc === null || typeof sc !== 'object') return;
  const c = container === undefined ? {} : { container };
  for (const [kind, key] of [
    ['seccomp', 'seccompProfile'],
    ['apparmor', 'appArmorProfile'],
  ] as const) {
    const p = sc[key];
    if (p && typeof p === 'object' && p.type === 'Localhost' && typeof p.localhostProfile === 'string' && p.localhostProfile !== '')
      out.push({ kind, name: p.localhostProfile, field: `${at}.securityContext.${key}.localhostProfile`, ...c });
  }
  const t = sc.seLinuxOptions?.type;
  if (typeof t === 'string' && t !== '') out.push({ kind: 'selinux', name: t, field: `${at}.securityContext.seLinuxOptions.type`, ...c });
}

function annotationPath(key: string): string {
  return `metadata.annotations[${JSON.stringify(key)}]`;
}

/** The pod's Localhost references, fields first, in container order; duplicates kept (each is a place to fix). */
export function localhostReferences(meta: ObjectMeta | undefined, spec: PodSpec): LocalhostReference[] {
  const out: LocalhostReference[] = [];
  fromContext(spec.securityContext as WithContexts | undefined, 'spec', undefined, out);
  forEachContainer(spec, (c, path) => fromContext(c.securityContext as WithContexts | undefined, path, typeof c.name === 'string' ? c.name : undefined, out));
  const annotations = meta?.annotations;
  if (annotations !== null && typeof annotations === 'object') {
    for (const [key, value] of Object.entries(annotations as Record<string, unknown>)) {
      if (typeof value !== 'string' || !value.startsWith(LOCALHOST)) continue;
      const name = value.slice(LOCALHOST.length);
      if (key === SECCOMP_POD_ANNOTATION) out.push({ kind: 'seccomp', name, field: annotationPath(key) });
      else if (key.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX))
        out.push({ kind: 'seccomp', name, field: annotationPath(key), container: key.slice(SECCOMP_CONTAINER_ANNOTATION_PREFIX.length) });
      else if (key.startsWith(APPARMOR_CONTAINER_ANNOTATION_PREFIX))
        out.push({ kind: 'apparmor', name, field: annotationPath(key), container: key.slice(APPARMOR_CONTAINER_ANNOTATION_PREFIX.length) });
    }
  }
  return out;
}

/** The Localhost profiles nodes have: a folder of profiles, or a bundle's index (podguard.yaml `profiles:`). */
export interface ProfileInventory {
  /** False for the empty inventory used when none is configured: then nothing is reported. */
  readonly configured: boolean;
  /** Where it came from, for messages. */
  readonly source: string;
  readonly seccomp: ReadonlySet<string>;
  readonly apparmor: ReadonlySet<string>;
  readonly selinux: ReadonlySet<string>;
}

export const NO_INVENTORY: ProfileInventory = { configured: false, source: '', seccomp: new Set(), apparmor: new Set(), selinux: new Set() };
