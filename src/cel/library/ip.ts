// Kubernetes' ip CEL library (k8s.io/apiserver/pkg/cel/library/ip.go, from v1.30): ip(string),
// isIP, ip.isCanonical, family, isUnspecified, isLoopback, isLinkLocalMulticast,
// isLinkLocalUnicast, isGlobalUnicast, string(ip) and ==. Addresses are net/netip's (netip.ts);
// Kubernetes refuses zones and IPv4-mapped IPv6 addresses (parseIPAddr).

import { goQuote } from '../../pss/go-strings';
import { charge, sizeCost } from '../cost';
import { NetAddr, parseAddr } from './netip';
import type { Registrar } from './types';

/** A net.IP value: an address as parsed by netip.ParseAddr. */
export class CelIP {
  static readonly celTypeName = 'net.IP';
  constructor(readonly addr: NetAddr) {}
  /** Equal values share this key (celKey in values.ts): the canonical form is one per value. */
  celKey(): string {
    return `net.IP:${this.addr.toString()}`;
  }
  toCelString(): string {
    return this.addr.toString();
  }
}

/** ip.go parseIPAddr: netip.ParseAddr, then no zone and no IPv4-mapped IPv6. */
export function parseIPAddr(raw: string): NetAddr {
  let addr: NetAddr;
  try {
    addr = parseAddr(raw);
  } catch (e) {
    throw new Error(`IP Address ${goQuote(raw)} parse error during conversion from string: ${(e as Error).message}`);
  }
  if (addr.zone !== '') throw new Error(`IP address ${goQuote(raw)} with zone value is not allowed`);
  if (addr.is4In6) throw new Error(`IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`);
  return addr;
}

/** Whether parse accepts s (isIP, isCIDR). */
export function valid(parse: (s: string) => unknown, s: string): boolean {
  try {
    parse(s);
    return true;
  } catch {
    return false;
  }
}

export function registerIP(env: Registrar): void {
  const T = CelIP.celTypeName;
  env.registerType(T, CelIP);
  // `ip.isCanonical(s)`: cel-go resolves the qualified name; here `ip` is a namespace constant
  // (a function and a constant have separate names, so `ip(s)` still calls the function).
  class IPNamespace {}
  env.registerType('IPNamespace', IPNamespace);
  env.registerConstant('ip', 'IPNamespace', new IPNamespace());
  env.registerFunction(`ip(string): ${T}`, (s: string) => (charge(sizeCost(s.length)), new CelIP(parseIPAddr(s))));
  env.registerFunction('isIP(string): bool', (s: string) => (charge(sizeCost(s.length)), valid(parseIPAddr, s)));
  env.registerFunction('IPNamespace.isCanonical(string): bool', (_n: unknown, s: string) => {
    charge(sizeCost(s.length));
    return parseIPAddr(s).toString() === s;
  });
  env.registerFunction(`${T}.family(): int`, (ip: CelIP) => (ip.addr.is4 ? 4n : 6n));
  env.registerFunction(`${T}.isUnspecified(): bool`, (ip: CelIP) => ip.addr.isUnspecified());
  env.registerFunction(`${T}.isLoopback(): bool`, (ip: CelIP) => ip.addr.isLoopback());
  env.registerFunction(`${T}.isLinkLocalMulticast(): bool`, (ip: CelIP) => ip.addr.isLinkLocalMulticast());
  env.registerFunction(`${T}.isLinkLocalUnicast(): bool`, (ip: CelIP) => ip.addr.isLinkLocalUnicast());
  env.registerFunction(`${T}.isGlobalUnicast(): bool`, (ip: CelIP) => ip.addr.isGlobalUnicast());
  env.registerFunction(`string(${T}): string`, (ip: CelIP) => ip.addr.toString());
  env.registerOperator(`${T} == ${T}`, (a: CelIP, b: CelIP) => a.addr.equals(b.addr));
}
