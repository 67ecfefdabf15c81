// cel-go's strings extension, at the version Kubernetes pins (ext.Strings(ext.StringsVersion(2))
// from v1.29, version 0 before: k8s.io/apiserver/pkg/cel/environment/base.go). The CEL library
// already has lowerAscii, upperAscii, trim, split, join, indexOf, lastIndexOf and substring;
// this adds what it lacks. Indices count code points, as cel-go's do.

import { charge, sizeCost } from '../cost';
import type { Registrar } from './types';

const cps = (s: string) => Array.from(s);

export function registerStrings(env: Registrar, version: number): void {
  env.registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
    charge(sizeCost(s.length));
    const c = cps(s);
    if (i < 0n || i > BigInt(c.length)) throw new Error(`index out of range: ${i}`);
    return c[Number(i)] ?? '';
  });
  const replace = (s: string, from: string, to: string, n: bigint) => {
    charge(sizeCost(s.length));
    if (n < 0n) return s.split(from).join(to);
    let out = '';
    let rest = s;
    for (let k = 0n; k < n; k++) {
      const at = rest.indexOf(from);
      if (at < 0) break;
      out += rest.slice(0, at) + to;
      rest = rest.slice(at + from.length);
      if (from === '') {
        out += rest.slice(0, 1);
        rest = rest.slice(1);
      }
    }
    return out + rest;
  };
  env.registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) => replace(s, a, b, -1n));
  env.registerFunction('string.replace(string, string, int): string', replace);
  if (version >= 2) {
    env.registerFunction('string.reverse(): string', (s: string) => (charge(sizeCost(s.length)), cps(s).reverse().join('')));
  }
}
