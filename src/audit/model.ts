// What `podguard audit` finds, as every audit output (text, json, html, PolicyReport) reads it.
// One NamespaceAudit per namespace, produced and handed to the reporter as soon as the namespace is
// done, so memory stays flat however large the cluster.

import type { LevelVersion, Mode } from '../psa/namespace-policy';
import type { Level } from '../pss/levels';
import type { Violation } from '../report/model';

export { MODES, type LevelVersion, type Mode } from '../psa/namespace-policy';

/** The levels a what-if is computed for: privileged allows everything, so it needs none. */
export const WHAT_IF_LEVELS = ['baseline', 'restricted'] as const;
export type WhatIfLevel = (typeof WHAT_IF_LEVELS)[number];

/** A namespace's Pod Security Admission policy, as read from its labels over the defaults. */
export interface NamespacePolicy {
  readonly enforce: LevelVersion;
  readonly audit: LevelVersion;
  readonly warn: LevelVersion;
  /** The namespace's `pod-security.kubernetes.io/*` labels as written. */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels Pod Security Admission cannot parse, in its own words (it then falls back: see src/psa/namespace-policy.ts). */
  readonly labelErrors: readonly string[];
}

/** A workload: the object pods are folded into (a Deployment, a CronJob, a bare Pod, …). */
export interface WorkloadRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid?: string;
}

/** One distinct violation of a workload (identical ones from its template and its pods are merged). */
export interface AuditViolation extends Omit<Violation, 'fields' | 'container'> {
  /** The first object it was seen on (the workload's template or one of its pods). */
  readonly object: { readonly kind: string; readonly name: string };
  /** Object-relative JSON paths on that object. */
  readonly fields: readonly string[];
  /** How many of the workload's objects (template and pods) show it. */
  readonly objects: number;
}

export interface LevelVerdict {
  readonly allowed: boolean;
  readonly violations: readonly AuditViolation[];
}

export interface WorkloadAudit {
  readonly object: WorkloadRef;
  /** Pods folded into this workload. */
  readonly pods: number;
  /** True when the workload only exists as pods whose owner is not in the listing (a custom controller). */
  readonly ownerNotListed?: boolean;
  /** Pod Security Admission exempts every pod of it (runtime class exemption). */
  readonly exempt: boolean;
  /** Whether it passes each mode of its namespace's own policy. */
  readonly modes: Readonly<Record<Mode, boolean>>;
  /** What-if: its verdict at each level, at the version in force in its namespace. */
  readonly levels: Readonly<Record<WhatIfLevel, LevelVerdict>>;
  /** The strictest level it meets at that version. */
  readonly meets: Level;
  /** Hardening policy findings (with severities and exceptions). */
  readonly policies: readonly AuditViolation[];
}

export interface AuditError {
  readonly namespace?: string;
  /** The resource that could not be listed (`pods`, `cronjobs.batch`), or the input file. */
  readonly resource?: string;
  readonly file?: string;
  readonly line?: number;
  /** HTTP status from the API server, when there was one. */
  readonly status?: number;
  readonly message: string;
}

export interface LevelCounts {
  readonly workloads: number;
  readonly pods: number;
  /** Workloads failing each mode of the namespace's policy and each what-if level. */
  readonly failing: Readonly<Record<Mode | WhatIfLevel, number>>;
  /** Workloads with at least one hardening policy finding no exception covers. */
  readonly withPolicyFindings: number;
}

export interface NamespaceAudit {
  readonly name: string;
  /** The Namespace object was read, so its labels are known. */
  readonly labelsKnown: boolean;
  readonly policy: NamespacePolicy;
  /** The policy version the what-if levels are evaluated at (the enforce version), as written. */
  readonly version: string;
  /** That version as evaluated on this cluster (`latest` means the API server's own version). */
  readonly evaluatedVersion: string;
  /** Exempt from Pod Security Admission by the PodSecurityConfiguration. */
  readonly exempt: boolean;
  /** The strictest level every (non-exempt) workload in it meets today. */
  readonly meets: Level;
  readonly counts: LevelCounts;
  /** Every workload, riskiest first. */
  readonly workloads: readonly WorkloadAudit[];
  /** Every resource of the namespace was read; when false, `meets` covers only what was. */
  readonly complete: boolean;
  /** What could not be read. */
  readonly errors: readonly AuditError[];
}

export interface AuditTarget {
  /** `cluster` when read from the API server, `files` when read from kubectl output or manifests. */
  readonly source: 'cluster' | 'files';
  /** The API server URL, context name and version (cluster), or the files read. */
  readonly server?: string;
  readonly context?: string;
  readonly serverVersion?: string;
  readonly files?: readonly string[];
}

export interface AuditSummary {
  namespaces: number;
  objects: number;
  pods: number;
  workloads: number;
  /** Workloads failing the level their namespace enforces (they would be rejected if recreated). */
  failingEnforce: number;
  failingBaseline: number;
  failingRestricted: number;
  /** Completely read namespaces by the strictest level all their workloads meet. */
  meets: Record<Level, number>;
  /** Namespaces that could not be read completely. */
  incomplete: number;
  /** Namespaces that could be tightened: they meet a stricter level than they enforce. */
  canTighten: number;
  errors: number;
}

/**
 * An audit output. It receives namespaces one at a time, in name order, as they are audited;
 * errors that belong to no namespace arrive in `end`.
 */
export interface AuditReporter {
  begin(target: AuditTarget): void;
  namespace(ns: NamespaceAudit): void;
  end(summary: AuditSummary, errors: readonly AuditError[]): void | Promise<void>;
}
