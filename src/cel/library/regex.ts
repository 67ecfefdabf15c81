// Regular expressions: `matches` (cel-spec standard function) and Kubernetes' regex library,
// `find` and `findAll` (k8s.io/apiserver/pkg/cel/library/regex.go), all on RE2 (../regex.ts).
// The standard `matches` of the CEL library would run a JavaScript RegExp, so environment.ts
// renames every call to `matches` in a parsed expression to MATCHES before type checking.

import { charge, sizeCost } from '../cost';
import { regexFind, regexFindAll, regexMatches } from '../regex';
import type { Registrar } from './types';

/** The name `matches` calls are given, so they reach the RE2 implementation below. */
export const MATCHES = 'matches_re2';

export function registerRegex(env: Registrar, withFind: boolean): void {
  const matches = (s: string, re: string) => (charge(sizeCost(s.length) + sizeCost(re.length)), regexMatches(s, re));
  env.registerFunction(`string.${MATCHES}(string): bool`, matches);
  env.registerFunction(`${MATCHES}(string, string): bool`, matches);
  if (!withFind) return;
  env.registerFunction('string.find(string): string', (s: string, re: string) => (charge(sizeCost(s.length) + sizeCost(re.length)), regexFind(s, re)));
  env.registerFunction(
    'string.findAll(string): list<string>',
    (s: string, re: string) => (charge(sizeCost(s.length) + sizeCost(re.length)), regexFindAll(s, re, -1)),
  );
  env.registerFunction(
    'string.findAll(string, int): list<string>',
    (s: string, re: string, n: bigint) => (charge(sizeCost(s.length) + sizeCost(re.length)), regexFindAll(s, re, Number(n))),
  );
}
