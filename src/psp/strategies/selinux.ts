// SELinux strategies. Upstream (v1.24.17): pkg/security/podsecuritypolicy/selinux/{mustrunas,runasany}.go.

import { goValue, invalid, required, type FieldError } from '../field-error';
import type { SELinuxOptions } from '../model';
import { asObject, stringOf } from './pod-json';

export interface SELinuxStrategy {
  /** The options to set when none are: the policy's own, or none. */
  generate(): SELinuxOptions | undefined;
  validate(path: string, options: unknown): FieldError[];
}

function splitTwo(s: string): [string, string] | undefined {
  const i = s.indexOf(':');
  return i < 0 ? undefined : [s.slice(0, i), s.slice(i + 1)];
}

/** equalLevels: equal, or the same sensitivity and the same categories in any order. */
function equalLevels(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  const e = splitTwo(expected);
  const a = splitTwo(actual);
  if (!e || !a || e[0] !== a[0]) return false;
  const ec = e[1].split(',').sort();
  const ac = a[1].split(',').sort();
  return ec.length === ac.length && ec.every((c, i) => c === ac[i]);
}

export function seLinuxStrategy(rule: string, opts: SELinuxOptions | undefined): SELinuxStrategy | string {
  switch (rule) {
    case 'MustRunAs': {
      if (!opts) return 'MustRunAs requires SELinuxOptions';
      const want = opts;
      return {
        generate: () => want,
        validate: (p, options) => {
          const o = asObject(options);
          if (!o) return [required(p, '')];
          const errs: FieldError[] = [];
          const level = stringOf(o.level);
          if (!equalLevels(want.level, level)) errs.push(invalid(`${p}.level`, goValue.string(level), `must be ${want.level}`));
          for (const k of ['role', 'type', 'user'] as const) {
            const got = stringOf(o[k]);
            if (got !== want[k]) errs.push(invalid(`${p}.${k}`, goValue.string(got), `must be ${want[k]}`));
          }
          return errs;
        },
      };
    }
    case 'RunAsAny':
      return { generate: () => undefined, validate: () => [] };
    default:
      return `Unrecognized SELinuxContext strategy type ${rule}`;
  }
}
