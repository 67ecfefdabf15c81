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
  // Go's strings.Replace: n < 0 replaces all; an empty `from` matches before every code point and at the end.
  const replace = (s: string, from: string, to: string, n: bigint) => {
    charge(sizeCost(s.length));
    const take = (i: number) => n < 0n || BigInt(i) < n;
    if (from === '') {
      const c = cps(s);
      let out = '';
      for (let i = 0; i <= c.length; i++) out += (take(i) ? to : '') + (c[i] ?? '');
      return out;
    }
    const parts = s.split(from);
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i++) out += (take(i - 1) ? to : from) + parts[i]!;
    return out;
  };
  env.registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) => replace(s, a, b, -1n));
  env.registerFunction('string.replace(string, string, int): string', replace);
  if (version >= 1) {
    // strings.quote (ext.Strings v1): Go's strconv.Quote-like escaping as cel-go's ext/strings.go quote().
    class StringsNamespace {}
    const r = env;
    r.registerType('StringsNamespace', StringsNamespace);
    r.registerConstant('strings', 'StringsNamespace', new StringsNamespace());
    env.registerFunction('StringsNamespace.quote(string): string', (_n: unknown, s: string) => (charge(sizeCost(s.length)), quote(s)));
  }
}

const ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** cel-go ext/strings.go quote: escapes \a \b \f \n \r \t \v \\ and ", keeps every other code point. */
function quote(s: string): string {
  let out = '"';
  for (const c of s) out += ESCAPES[c] ?? c;
  return out + '"';
}
