// Kubernetes' cidr CEL library (k8s.io/apiserver/pkg/cel/library/cidr.go, from v1.30):
// cidr(string), isCIDR, containsIP (ip or string), containsCIDR (cidr or string), ip(),
// masked(), prefixLength(), string(cidr) and ==. Prefixes are net/netip's (netip.ts), kept as
// written ("192.168.0.1/24" stays unmasked until masked()); IPv4-mapped addresses are refused.

import { goQuote } from '../../pss/go-strings';
import { charge, sizeCost } from '../cost';
import { CelIP, parseIPAddr, valid } from './ip';
import { parsePrefix, type NetPrefix } from './netip';
import type { Registrar } from './types';

/** A net.CIDR value. */
export class CelCIDR {
  static readonly celTypeName = 'net.CIDR';
  constructor(readonly prefix: NetPrefix) {}
  /** Equal values share this key (celKey in values.ts): the canonical form is one per value. */
  celKey(): string {
    return `net.CIDR:${this.prefix.toString()}`;
  }
  toCelString(): string {
    return this.prefix.toString();
  }
}

/** cidr.go parseCIDR: netip.ParsePrefix, then no IPv4-mapped IPv6 address. */
function parseCIDR(raw: string): NetPrefix {
  let prefix: NetPrefix;
  try {
    prefix = parsePrefix(raw);
  } catch (e) {
    throw new Error(`network address parse error during conversion from string: ${(e as Error).message}`);
  }
  if (prefix.addr.is4In6) throw new Error(`IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`);
  return prefix;
}

/** stringToCIDR wraps parseCIDR's error once more, so the API server's text repeats its opening. */
function toCIDR(s: string): CelCIDR {
  charge(sizeCost(s.length));
  try {
    return new CelCIDR(parseCIDR(s));
  } catch (e) {
    throw new Error(`network address parse error during conversion from string: ${(e as Error).message}`);
  }
}

function toIP(s: string): CelIP {
  charge(sizeCost(s.length));
  return new CelIP(parseIPAddr(s));
}

/** cidrContainsCIDR: the other prefix overlaps this one and is no shorter. */
function containsCIDR(a: CelCIDR, b: CelCIDR): boolean {
  return a.prefix.overlaps(b.prefix) && a.prefix.bits <= b.prefix.bits;
}

export function registerCIDR(env: Registrar): void {
  const T = CelCIDR.celTypeName;
  const IP = CelIP.celTypeName;
  env.registerType(T, CelCIDR);
  env.registerFunction(`cidr(string): ${T}`, toCIDR);
  env.registerFunction('isCIDR(string): bool', (s: string) => (charge(sizeCost(s.length)), valid(parseCIDR, s)));
  env.registerFunction(`${T}.containsIP(${IP}): bool`, (c: CelCIDR, ip: CelIP) => c.prefix.contains(ip.addr));
  env.registerFunction(`${T}.containsIP(string): bool`, (c: CelCIDR, s: string) => c.prefix.contains(toIP(s).addr));
  env.registerFunction(`${T}.containsCIDR(${T}): bool`, containsCIDR);
  env.registerFunction(`${T}.containsCIDR(string): bool`, (c: CelCIDR, s: string) => containsCIDR(c, toCIDR(s)));
  env.registerFunction(`${T}.ip(): ${IP}`, (c: CelCIDR) => new CelIP(c.prefix.addr));
  env.registerFunction(`${T}.masked(): ${T}`, (c: CelCIDR) => new CelCIDR(c.prefix.masked()));
  env.registerFunction(`${T}.prefixLength(): int`, (c: CelCIDR) => BigInt(c.prefix.bits));
  env.registerFunction(`string(${T}): string`, (c: CelCIDR) => c.prefix.toString());
  env.registerOperator(`${T} == ${T}`, (a: CelCIDR, b: CelCIDR) => a.prefix.equals(b.prefix));
}
