// Whether a pod update can change its Pod Security verdict. Only images, the seccomp annotations
// and added or changed ephemeral containers can (the rest of a pod's security context is
// immutable), so other updates — labels, status, finalizers — are allowed without evaluation.
// Upstream: admission/admission.go (isSignificantPodUpdate, isSignificantContainerUpdate).

import type { Container, KubeObject } from '../../k8s/types';

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

type Annotations = Readonly<Record<string, string>> | undefined;

function annotationsOf(pod: KubeObject): Annotations {
  const a = pod.metadata?.annotations;
  return a && typeof a === 'object' ? a : undefined;
}

function containers(pod: KubeObject, field: 'containers' | 'initContainers' | 'ephemeralContainers'): readonly Container[] {
  const spec = pod['spec'] as Record<string, unknown> | undefined;
  const list = spec && typeof spec === 'object' ? spec[field] : undefined;
  return Array.isArray(list) ? (list as Container[]) : [];
}

function significantContainerUpdate(c: Container, old: Container, annotations: Annotations, oldAnnotations: Annotations): boolean {
  if ((c?.image ?? '') !== (old?.image ?? '')) return true;
  const key = SECCOMP_CONTAINER_ANNOTATION_PREFIX + (c?.name ?? '');
  return (annotations?.[key] ?? '') !== (oldAnnotations?.[key] ?? '');
}

export function isSignificantPodUpdate(pod: KubeObject, oldPod: KubeObject): boolean {
  const a = annotationsOf(pod);
  const oldA = annotationsOf(oldPod);
  if ((a?.[SECCOMP_POD_ANNOTATION] ?? '') !== (oldA?.[SECCOMP_POD_ANNOTATION] ?? '')) return true;
  for (const field of ['containers', 'initContainers'] as const) {
    const now = containers(pod, field);
    const before = containers(oldPod, field);
    if (now.length !== before.length) return true;
    for (let i = 0; i < now.length; i++) if (significantContainerUpdate(now[i]!, before[i]!, a, oldA)) return true;
  }
  const oldEphemeral = containers(oldPod, 'ephemeralContainers');
  for (const c of containers(pod, 'ephemeralContainers')) {
    const old = oldEphemeral.find((o) => (o?.name ?? '') === (c?.name ?? ''));
    if (!old) return true; // an ephemeral container was added
    if (significantContainerUpdate(c, old, a, oldA)) return true;
  }
  return false;
}
