// What the webhook decides with, beyond the request: Pod Security Admission's cluster
// configuration, and podguard's own additions with the namespace labels that switch them.

import type { EvaluationSettings } from '../../engine/evaluate';
import type { Severity } from '../../policies/severity';
import { podguardValue } from '../../k8s/podguard-keys';
import type { NamespaceInfo } from '../cluster/cluster-view';
import type { NamespaceCheckLimits } from './namespace-pods';
import type { PodSecurityConfig } from '../../psa/pod-security-configuration';
import type { ProfileLabels } from './profile-affinity';

/** What a hardening-policy finding does at admission, by its severity. */
export interface PolicyActions {
  /** Findings at or above this severity deny the pod (and the workload, where workloads are denied). */
  readonly denyAt: Severity | 'never';
  /** Findings at or above this severity (and below denyAt) are returned as warnings; all are audited. */
  readonly warnAt: Severity | 'never';
}

export interface PolicySettings extends PolicyActions {
  /**
   * The hardening policies, severities and exceptions for a namespace (loadSettings' settingsFor).
   * Its profile is ignored: the Pod Security Standards part follows the namespace labels.
   */
  settingsFor(namespace: string): EvaluationSettings;
}

export interface WebhookSettings {
  readonly podSecurity: PodSecurityConfig;
  /** Deny workloads (Deployment, CronJob, …) whose pods the namespace's enforce level would deny. */
  readonly denyWorkloads: boolean;
  /** Apply the safe fixes in /mutate. */
  readonly mutate: boolean;
  readonly namespaceLimits: NamespaceCheckLimits;
  /** Hardening policies beyond the standard; none when absent. */
  readonly policies?: PolicySettings;
  /** Node labels of bundled Localhost profiles (profile-affinity.ts); /mutate requires them of pods that name the profiles. */
  readonly profileLabels?: ProfileLabels;
}

/**
 * Namespace labels that override the cluster-wide switches above, per namespace ("true" or
 * "false"): `podguard.dev/<name>` (the legacy `podguard.io/<name>` is still read, with a warning).
 */
export const PODGUARD_LABELS = {
  denyWorkloads: 'deny-workloads',
  mutate: 'mutate',
} as const;

export function switchedOn(ns: NamespaceInfo, label: string, clusterDefault: boolean): boolean {
  const v = podguardValue(ns.labels, label).value;
  return v === 'true' ? true : v === 'false' ? false : clusterDefault;
}
