// Label selectors as ClusterRole aggregation evaluates them: metav1.LabelSelectorAsSelector
// (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go) and labels.Requirement.Matches
// (staging/src/k8s.io/apimachinery/pkg/labels/selector.go). An empty selector selects
// everything; matchLabels are `=` requirements; NotIn and DoesNotExist match objects without the key.

import type { LabelSelector, LabelSelectorRequirement } from './model';

export const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

function requirementMatches(r: LabelSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key]!);
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function selectorMatches(s: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(s.matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
  }
  for (const r of s.matchExpressions) if (!requirementMatches(r, labels)) return false;
  return true;
}

/**
 * What LabelSelectorAsSelector (through labels.NewRequirement) rejects about one requirement, or
 * undefined: In and NotIn need values, Exists and DoesNotExist take none. (Key and value syntax are
 * checked by the API server when the ClusterRole is written.)
 */
export function requirementProblem(operator: string, values: readonly string[]): string | undefined {
  if (!(OPERATORS as readonly string[]).includes(operator)) return `${JSON.stringify(operator)} is not a valid label selector operator`;
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) return "for 'in', 'notin' operators, values set can't be empty";
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) return 'values set must be empty for exists and does not exist';
  return undefined;
}
