// Host paths as the node sees them: normalised (`//`, `.`, `..`, trailing `/`), and matched
// against the places on a node that hand it over: container-runtime sockets and sensitive trees.

import path from 'node:path';
import type { PodSpec, Volume } from '../k8s/types';

/** The normalised absolute path, or undefined for a relative or non-string path. Returns the input itself when already normal. */
export function normaliseHostPath(p: unknown): string | undefined {
  if (typeof p !== 'string' || !p.startsWith('/')) return undefined;
  if (p === '/' || (!p.endsWith('/') && !p.includes('//') && !p.includes('/./') && !p.includes('/../') && !p.endsWith('/.') && !p.endsWith('/..'))) return p;
  const n = path.posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** `a` is `b` or inside it. */
export function isWithin(a: string, b: string): boolean {
  return a === b || b === '/' || (a.startsWith(b) && a.charCodeAt(b.length) === 47); /* / */
}

/** The pod's hostPath volumes, with their index; allocation-free when there are none. */
export function hasHostPathVolume(spec: PodSpec): boolean {
  const vs = spec.volumes;
  if (!Array.isArray(vs)) return false;
  for (let i = 0; i < vs.length; i++) {
    const v = vs[i];
    if (v !== null && typeof v === 'object' && v.hostPath !== null && typeof v.hostPath === 'object') return true;
  }
  return false;
}

export interface HostPathVolume {
  readonly index: number;
  readonly name: string;
  readonly path: string;
  readonly volume: Volume;
}

export function hostPathVolumes(spec: PodSpec): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  const vs = spec.volumes;
  if (!Array.isArray(vs)) return out;
  vs.forEach((v, index) => {
    if (v === null || typeof v !== 'object' || v.hostPath === null || typeof v.hostPath !== 'object') return;
    const p = normaliseHostPath(v.hostPath.path);
    if (p !== undefined) out.push({ index, name: typeof v.name === 'string' ? v.name : '', path: p, volume: v });
  });
  return out;
}

/** Container-runtime API sockets: whoever reaches one can start a privileged container on the node. */
export const RUNTIME_SOCKETS: readonly string[] = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/run/k3s/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
  '/var/run/dockershim.sock',
  '/var/run/podman/podman.sock',
  '/run/podman/podman.sock',
];

/** The runtime socket a host path exposes (the socket itself or a directory above it, other than `/`), if any. */
export function exposedRuntimeSocket(p: string): string | undefined {
  if (p === '/') return undefined; // the whole filesystem: reported by sensitive-host-path
  for (const s of RUNTIME_SOCKETS) if (isWithin(s, p)) return s;
  return undefined;
}

/** Sensitive host trees and what mounting them gives away. `subtree`: anything inside counts too. */
export const SENSITIVE_PATHS: readonly { readonly path: string; readonly subtree: boolean; readonly why: string }[] = [
  { path: '/', subtree: false, why: "the node's whole filesystem" },
  { path: '/etc', subtree: true, why: "the node's configuration, credentials and kubelet/kubeadm PKI" },
  { path: '/root', subtree: true, why: "root's home directory and keys" },
  { path: '/home', subtree: true, why: "users' home directories and keys" },
  { path: '/proc', subtree: true, why: 'every process on the node and kernel tunables' },
  { path: '/sys', subtree: true, why: 'kernel and cgroup controls (the cgroup release_agent escape)' },
  { path: '/boot', subtree: true, why: "the node's kernel and boot loader" },
  { path: '/dev', subtree: false, why: 'every device on the node, including its disks and memory' },
  { path: '/bin', subtree: true, why: 'binaries the node runs as root' },
  { path: '/sbin', subtree: true, why: 'binaries the node runs as root' },
  { path: '/usr', subtree: true, why: 'binaries and libraries the node runs as root' },
  { path: '/lib', subtree: true, why: 'libraries and kernel modules the node loads' },
  { path: '/lib64', subtree: true, why: 'libraries the node loads' },
  { path: '/var/lib/kubelet', subtree: true, why: "every pod's volumes, secrets and the kubelet's credentials" },
  { path: '/var/lib/etcd', subtree: true, why: "the cluster's etcd data, every secret included" },
  { path: '/var/lib/docker', subtree: true, why: "every container's filesystem" },
  { path: '/var/lib/containerd', subtree: true, why: "every container's filesystem" },
  { path: '/var/log', subtree: true, why: "every pod's logs (and, writable, the kubelet log-symlink escape)" },
];

/** Why a host path is sensitive: it is one of the trees (or inside a subtree) or contains one. */
export function sensitiveReason(p: string): { path: string; why: string } | undefined {
  for (const s of SENSITIVE_PATHS) {
    if (p === s.path || (s.subtree && isWithin(p, s.path))) return { path: s.path, why: s.why };
  }
  for (const s of SENSITIVE_PATHS) {
    if (s.path !== '/' && isWithin(s.path, p)) return { path: s.path, why: `it contains ${s.path}: ${s.why}` };
  }
  return undefined;
}
