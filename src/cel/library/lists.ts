// Kubernetes' list library (k8s.io/apiserver/pkg/cel/library/lists.go): isSorted, sum, min, max,
// indexOf, lastIndexOf, for lists of comparable elements (int, uint, double, string, bool, ...).
// Errors are lists.go's ("min called on empty list", ...).

import { charge, sizeCost } from '../cost';
import { celEqual } from '../values';
import type { Registrar } from './types';

type Comparable = bigint | number | string | boolean;

function compare(a: Comparable, b: Comparable): number {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function registerLists(env: Registrar): void {
  for (const t of ['int', 'double', 'string', 'bool', 'uint', 'bytes', 'google.protobuf.Duration', 'google.protobuf.Timestamp']) {
    env.registerFunction(`list<${t}>.isSorted(): bool`, (l: Comparable[]) => {
      charge(sizeCost(l.length));
      for (let i = 1; i < l.length; i++) if (compare(l[i - 1]!, l[i]!) > 0) return false;
      return true;
    });
    const pick = (name: string, better: (c: number) => boolean) => (l: Comparable[]) => {
      charge(sizeCost(l.length));
      if (l.length === 0) throw new Error(`${name} called on empty list`);
      let best = l[0]!;
      for (const x of l) if (better(compare(x, best))) best = x;
      return best;
    };
    env.registerFunction(
      `list<${t}>.min(): ${t}`,
      pick('min', (c) => c < 0),
    );
    env.registerFunction(
      `list<${t}>.max(): ${t}`,
      pick('max', (c) => c > 0),
    );
  }
  env.registerFunction('list<int>.sum(): int', (l: bigint[]) => (charge(sizeCost(l.length)), l.reduce((a, b) => a + b, 0n)));
  env.registerFunction('list<double>.sum(): double', (l: number[]) => (charge(sizeCost(l.length)), l.reduce((a, b) => a + b, 0)));
  env.registerFunction('list<dyn>.indexOf(dyn): int', (l: unknown[], x: unknown) => (charge(sizeCost(l.length)), BigInt(l.findIndex((y) => celEqual(y, x)))));
  env.registerFunction('list<dyn>.lastIndexOf(dyn): int', (l: unknown[], x: unknown) => {
    charge(sizeCost(l.length));
    for (let i = l.length - 1; i >= 0; i--) if (celEqual(l[i], x)) return BigInt(i);
    return -1n;
  });
}

/** cel-go ext.Sets (Kubernetes from v1.29): sets.contains, sets.equivalent, sets.intersects. */
export function registerSets(env: Registrar): void {
  class SetsNamespace {}
  env.registerType('SetsNamespace', SetsNamespace);
  env.registerConstant('sets', 'SetsNamespace', new SetsNamespace());
  const has = (l: unknown[], x: unknown) => l.some((y) => celEqual(y, x));
  env.registerFunction('SetsNamespace.contains(list<dyn>, list<dyn>): bool', (_n: unknown, a: unknown[], b: unknown[]) => {
    charge(sizeCost(a.length * b.length));
    return b.every((x) => has(a, x));
  });
  env.registerFunction('SetsNamespace.equivalent(list<dyn>, list<dyn>): bool', (_n: unknown, a: unknown[], b: unknown[]) => {
    charge(sizeCost(a.length * b.length));
    return b.every((x) => has(a, x)) && a.every((x) => has(b, x));
  });
  env.registerFunction('SetsNamespace.intersects(list<dyn>, list<dyn>): bool', (_n: unknown, a: unknown[], b: unknown[]) => {
    charge(sizeCost(a.length * b.length));
    return b.some((x) => has(a, x));
  });
}
