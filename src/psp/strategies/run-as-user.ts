// runAsUser strategies. Upstream (v1.24.17): pkg/security/podsecuritypolicy/user/{mustrunas,nonroot,runasany}.go.

import { goValue, idRangesText, invalid, required, type FieldError } from '../field-error';
import type { RangeStrategy } from '../model';

export interface RunAsUserStrategy {
  generate(): number | undefined;
  validate(scPath: string, runAsNonRoot: boolean | undefined, runAsUser: number | undefined): FieldError[];
}

export function runAsUserStrategy(opts: RangeStrategy): RunAsUserStrategy | string {
  switch (opts.rule) {
    case 'MustRunAs': {
      const ranges = opts.ranges;
      if (ranges.length === 0) return 'MustRunAs requires at least one range';
      return {
        generate: () => ranges[0]!.min,
        validate: (p, _nonRoot, uid) => {
          if (uid === undefined) return [required(`${p}.runAsUser`, '')];
          if (ranges.some((r) => uid >= r.min && uid <= r.max)) return [];
          return [invalid(`${p}.runAsUser`, goValue.number(uid), `must be in the ranges: ${idRangesText(ranges)}`)];
        },
      };
    }
    case 'MustRunAsNonRoot':
      return {
        generate: () => undefined,
        validate: (p, nonRoot, uid) => {
          if (nonRoot === undefined && uid === undefined) return [required(`${p}.runAsNonRoot`, 'must be true')];
          if (nonRoot === false) return [invalid(`${p}.runAsNonRoot`, goValue.bool(false), 'must be true')];
          if (uid === 0) return [invalid(`${p}.runAsUser`, goValue.number(0), 'running with the root UID is forbidden')];
          return [];
        },
      };
    case 'RunAsAny':
      return { generate: () => undefined, validate: () => [] };
    default:
      return `Unrecognized RunAsUser strategy type ${opts.rule}`;
  }
}
