// A PodSecurityPolicy as the API server stored it (policy/v1beta1, which extensions/v1beta1 mirrors
// field for field: staging/src/k8s.io/api/policy/v1beta1/types.go at v0.24.17), with the one default
// the API server applied (allowPrivilegeEscalation: true when unset, pkg/apis/policy/v1beta1/defaults.go).

import type { Where } from '../rbac/model';

export interface IDRange {
  readonly min: number;
  readonly max: number;
}

export interface RangeStrategy {
  /** As written: `MustRunAs`, `MayRunAs`, `RunAsAny`, `MustRunAsNonRoot`; "" when unset. */
  readonly rule: string;
  readonly ranges: readonly IDRange[];
}

export interface SELinuxOptions {
  readonly user: string;
  readonly role: string;
  readonly type: string;
  readonly level: string;
}

export interface PspSpec {
  readonly privileged: boolean;
  readonly defaultAddCapabilities: readonly string[];
  readonly requiredDropCapabilities: readonly string[];
  readonly allowedCapabilities: readonly string[];
  readonly volumes: readonly string[];
  readonly hostNetwork: boolean;
  readonly hostPorts: readonly IDRange[];
  readonly hostPID: boolean;
  readonly hostIPC: boolean;
  readonly seLinux: { readonly rule: string; readonly seLinuxOptions?: SELinuxOptions };
  readonly runAsUser: RangeStrategy;
  /** Unset means RunAsAny (factory.go createRunAsGroupStrategy). */
  readonly runAsGroup?: RangeStrategy;
  readonly supplementalGroups: RangeStrategy;
  readonly fsGroup: RangeStrategy;
  readonly readOnlyRootFilesystem: boolean;
  readonly defaultAllowPrivilegeEscalation?: boolean;
  /** Defaulted to true by the API server when unset. */
  readonly allowPrivilegeEscalation: boolean;
  readonly allowedHostPaths: readonly { readonly pathPrefix: string; readonly readOnly: boolean }[];
  readonly allowedFlexVolumes: readonly { readonly driver: string }[];
  readonly allowedCSIDrivers: readonly { readonly name: string }[];
  readonly allowedUnsafeSysctls: readonly string[];
  readonly forbiddenSysctls: readonly string[];
  readonly allowedProcMountTypes: readonly string[];
  readonly runtimeClass?: { readonly allowedRuntimeClassNames: readonly string[]; readonly defaultRuntimeClassName?: string };
}

export interface PodSecurityPolicy {
  /** policy/v1beta1 or extensions/v1beta1. */
  readonly apiVersion: string;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: PspSpec;
  readonly source: Where;
}

/** The annotation the plugin writes on every pod it admits (pkg/security/podsecuritypolicy/util). */
export const VALIDATED_PSP_ANNOTATION = 'kubernetes.io/psp';
