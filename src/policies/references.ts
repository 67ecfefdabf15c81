// References shared by many policies, written once.

import type { Reference } from './policy';

export const REF = {
  pss: { title: 'Kubernetes: Pod Security Standards', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
  securityContext: {
    title: 'Kubernetes: Configure a Security Context for a Pod or Container',
    url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  },
  linuxKernelSecurity: {
    title: 'Kubernetes: Linux kernel security constraints for Pods and containers',
    url: 'https://kubernetes.io/docs/concepts/security/linux-kernel-security-constraints/',
  },
  nsa: {
    title: 'NSA/CISA Kubernetes Hardening Guide v1.2, "Kubernetes Pod security"',
    url: 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  },
  cis: (section: string, title: string): Reference => ({
    title: `CIS Kubernetes Benchmark ${section}: ${title}`,
    url: 'https://www.cisecurity.org/benchmark/kubernetes',
  }),
  sysctls: { title: 'Kubernetes: Using sysctls in a Kubernetes Cluster', url: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/' },
  seccomp: { title: "Kubernetes: Restrict a Container's Syscalls with seccomp", url: 'https://kubernetes.io/docs/tutorials/security/seccomp/' },
  apparmor: { title: "Kubernetes: Restrict a Container's Access to Resources with AppArmor", url: 'https://kubernetes.io/docs/tutorials/security/apparmor/' },
  hostPath: { title: 'Kubernetes: Volumes, hostPath', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
  serviceAccounts: {
    title: 'Kubernetes: Configure Service Accounts for Pods (opt out of API credential automounting)',
    url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
  },
  windows: { title: 'Kubernetes: Security For Windows Nodes', url: 'https://kubernetes.io/docs/concepts/security/windows-security/' },
  windowsHostProcess: {
    title: 'Kubernetes: Create a Windows HostProcess Pod',
    url: 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
  },
  capabilities: { title: 'capabilities(7), Linux manual page', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
  shareProcessNamespace: {
    title: 'Kubernetes: Share Process Namespace between Containers in a Pod',
    url: 'https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/',
  },
} as const;
