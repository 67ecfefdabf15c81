// Group strategies for fsGroup, supplementalGroups and runAsGroup.
// Upstream (v1.24.17): pkg/security/podsecuritypolicy/group/{mustrunas,mayrunas,runasany,helpers}.go,
// created by factory.go (createFSGroupStrategy, createSupplementalGroupStrategy, createRunAsGroupStrategy).

import { goValue, idRangesText, invalid, type FieldError } from '../field-error';
import type { IDRange, RangeStrategy } from '../model';

export interface GroupStrategy {
  /** Generate: the groups to set when none are (supplementalGroups). */
  generate(): number[] | undefined;
  /** GenerateSingle: the group to set when none is (fsGroup, runAsGroup). */
  generateSingle(): number | undefined;
  validate(path: string, groups: readonly number[] | undefined): FieldError[];
}

function inRanges(group: number, ranges: readonly IDRange[]): boolean {
  return ranges.some((r) => group >= r.min && group <= r.max);
}

/** ValidateGroupsInRanges. */
function validateInRanges(path: string, ranges: readonly IDRange[], groups: readonly number[] | undefined): FieldError[] {
  const errs: FieldError[] = [];
  for (const g of groups ?? []) {
    if (!inRanges(g, ranges)) errs.push(invalid(path, goValue.int64s(groups), `group ${g} must be in the ranges: ${idRangesText(ranges)}`));
  }
  return errs;
}

const runAsAny: GroupStrategy = { generate: () => undefined, generateSingle: () => undefined, validate: () => [] };

/** The strategy for a rule, or the provider-creation error upstream returns. */
export function groupStrategy(opts: RangeStrategy | undefined, field: 'FSGroup' | 'SupplementalGroups' | 'RunAsGroup'): GroupStrategy | string {
  if (opts === undefined) return runAsAny; // only runAsGroup may be unset
  const { rule, ranges } = opts;
  switch (rule) {
    case 'RunAsAny':
      return runAsAny;
    case 'MayRunAs':
      if (ranges.length === 0) return 'ranges must be supplied for MayRunAs';
      return { generate: () => undefined, generateSingle: () => undefined, validate: (p, g) => validateInRanges(p, ranges, g) };
    case 'MustRunAs':
      if (ranges.length === 0) return 'ranges must be supplied for MustRunAs';
      return {
        generate: () => [ranges[0]!.min],
        generateSingle: () => ranges[0]!.min,
        validate: (p, g) => [
          ...((g ?? []).length === 0 ? [invalid(p, goValue.int64s(g), 'unable to validate empty groups against required ranges')] : []),
          ...validateInRanges(p, ranges, g),
        ],
      };
    default:
      return `Unrecognized ${field} strategy type ${rule}`;
  }
}
