// Evaluates one Kubernetes object: finds its pod, applies the API server's defaults, runs the
// profile's checks and returns findings with object-relative paths. Knows nothing of YAML,
// files, HTTP or clusters, so the CLI, the webhook and the audit share it.

import type { KubeObject } from '../k8s/types';
import { evaluatePss, type Profile, type PssViolation } from '../pss/evaluate';
import { applyDefaults } from './defaults';
import { podViewOf } from './pod-views';

export interface Finding {
  readonly check: string;
  readonly standard: 'pss';
  readonly level: 'baseline' | 'restricted';
  readonly reason: string;
  readonly detail: string;
  /** Object-relative JSON paths (`spec.template.spec.containers[0].securityContext`). */
  readonly fields: readonly string[];
}

/**
 * What to evaluate an object against. Every door (scan, fix, the webhook, the audit) builds one of
 * these from its options or configuration and passes it here; new kinds of rules (hardening
 * policies, exceptions) are added as fields, so callers keep one call.
 */
export interface EvaluationSettings {
  /** The Pod Security Standards level and version. */
  readonly profile: Profile;
}

export interface ObjectVerdict {
  /** Where the pod sits in the object ('' for a Pod). */
  readonly podPath: string;
  readonly allowed: boolean;
  readonly findings: readonly Finding[];
}

function toFinding(v: PssViolation, prefix: string): Finding {
  return {
    check: v.check,
    standard: 'pss',
    level: v.level,
    reason: v.reason,
    detail: v.detail,
    fields: prefix === '' ? v.fields : v.fields.map((f) => prefix + f),
  };
}

/** The verdict for an object, or undefined when its kind carries no pod. */
export function evaluateObject(obj: KubeObject, settings: EvaluationSettings): ObjectVerdict | undefined {
  const view = podViewOf(obj);
  if (!view) return undefined;
  const spec = applyDefaults(view.spec, obj.kind === 'Pod');
  const violations = evaluatePss(view.metadata, spec, settings.profile);
  return {
    podPath: view.podPath,
    allowed: violations.length === 0,
    findings: violations.map((v) => toFinding(v, view.prefix)),
  };
}
