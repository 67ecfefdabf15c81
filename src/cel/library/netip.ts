// Go's net/netip addresses and prefixes, as Kubernetes' ip and cidr CEL libraries use them:
// ParseAddr and ParsePrefix with their exact error texts, String (RFC 5952 for IPv6), the
// address classes (IsLoopback, IsGlobalUnicast, …), Prefix.Contains, Overlaps and Masked.
// Upstream: $GOROOT/src/net/netip/netip.go (Go 1.26). Parsing is one linear scan; no regex.

import { goQuote } from '../../pss/go-strings';

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address, with the IPv6 zone ('' for none). */
export class NetAddr {
  constructor(
    readonly bytes: Uint8Array,
    readonly zone: string = '',
  ) {}

  get is4(): boolean {
    return this.bytes.length === 4;
  }

  /** An IPv6 address of the form ::ffff:a.b.c.d. */
  get is4In6(): boolean {
    const b = this.bytes;
    if (b.length !== 16) return false;
    for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
    return b[10] === 0xff && b[11] === 0xff;
  }

  /** The IPv4 address inside an IPv4-mapped one; the address itself otherwise (Addr.Unmap). */
  unmap(): NetAddr {
    return this.is4In6 ? new NetAddr(this.bytes.slice(12)) : this;
  }

  bitLen(): number {
    return this.bytes.length * 8;
  }

  /** The n-th 16-bit group of an IPv6 address. */
  group(n: number): number {
    return (this.bytes[2 * n]! << 8) | this.bytes[2 * n + 1]!;
  }

  equals(o: NetAddr): boolean {
    if (this.bytes.length !== o.bytes.length || this.zone !== o.zone) return false;
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] !== o.bytes[i]) return false;
    return true;
  }

  /** Addr.String: dotted decimal; RFC 5952 for IPv6 (longest run of two or more zero groups as ::); ::ffff:a.b.c.d for mapped. */
  toString(): string {
    const b = this.bytes;
    if (b.length === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
    const zone = this.zone === '' ? '' : `%${this.zone}`;
    if (this.is4In6) return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}${zone}`;
    let zeroStart = -1;
    let zeroEnd = -1;
    for (let i = 0; i < 8; i++) {
      let j = i;
      while (j < 8 && this.group(j) === 0) j++;
      if (j - i >= 2 && j - i > zeroEnd - zeroStart) [zeroStart, zeroEnd] = [i, j];
    }
    let out = '';
    for (let i = 0; i < 8; i++) {
      if (i === zeroStart) {
        out += '::';
        i = zeroEnd;
        if (i >= 8) break;
      } else if (i > 0) out += ':';
      out += this.group(i).toString(16);
    }
    return out + zone;
  }

  isUnspecified(): boolean {
    return this.zone === '' && this.bytes.every((x) => x === 0);
  }

  isLoopback(): boolean {
    const ip = this.unmap();
    if (ip.is4) return ip.bytes[0] === 127;
    return ip.bytes.every((x, i) => x === (i === 15 ? 1 : 0));
  }

  isMulticast(): boolean {
    const ip = this.unmap();
    return ip.is4 ? (ip.bytes[0]! & 0xf0) === 0xe0 : ip.bytes[0] === 0xff;
  }

  isLinkLocalMulticast(): boolean {
    const ip = this.unmap();
    if (ip.is4) return ip.bytes[0] === 224 && ip.bytes[1] === 0 && ip.bytes[2] === 0;
    return (ip.group(0) & 0xff0f) === 0xff02;
  }

  isLinkLocalUnicast(): boolean {
    const ip = this.unmap();
    if (ip.is4) return ip.bytes[0] === 169 && ip.bytes[1] === 254;
    return (ip.group(0) & 0xffc0) === 0xfe80;
  }

  isGlobalUnicast(): boolean {
    const ip = this.unmap();
    if (ip.is4 && (ip.bytes.every((x) => x === 0) || ip.bytes.every((x) => x === 255))) return false;
    return !(!ip.is4 && ip.isUnspecified()) && !ip.isLoopback() && !ip.isMulticast() && !ip.isLinkLocalUnicast();
  }

  /** The first `bits` bits kept, the rest zero (Addr.Prefix without the range checks). */
  masked(bits: number): NetAddr {
    const out = new Uint8Array(this.bytes.length);
    for (let i = 0; i < out.length; i++) {
      const keep = Math.max(0, Math.min(8, bits - 8 * i));
      out[i] = this.bytes[i]! & ((0xff << (8 - keep)) & 0xff);
    }
    return new NetAddr(out, this.zone);
  }
}

/** An address and a prefix length, not necessarily masked (netip.Prefix). */
export class NetPrefix {
  constructor(
    readonly addr: NetAddr,
    readonly bits: number,
  ) {}

  toString(): string {
    return `${this.addr.toString()}/${this.bits}`;
  }

  equals(o: NetPrefix): boolean {
    return this.bits === o.bits && this.addr.equals(o.addr);
  }

  masked(): NetPrefix {
    return new NetPrefix(this.addr.masked(this.bits), this.bits);
  }

  /** Prefix.Contains: same family, no zone, and the first `bits` bits equal. */
  contains(ip: NetAddr): boolean {
    if (ip.zone !== '' || ip.bitLen() !== this.addr.bitLen()) return false;
    return ip.masked(this.bits).equals(this.addr.masked(this.bits));
  }

  /** Prefix.Overlaps: same family and equal over the shorter of the two prefixes. */
  overlaps(o: NetPrefix): boolean {
    if (this.equals(o)) return true;
    if (this.addr.is4 !== o.addr.is4) return false;
    const bits = Math.min(this.bits, o.bits);
    return bits === 0 || this.addr.masked(bits).equals(o.addr.masked(bits));
  }
}

/** parseAddrError.Error: `ParseAddr("in"): msg (at "rest")`. */
function addrError(input: string, msg: string, at = ''): Error {
  return new Error(`ParseAddr(${goQuote(input)}): ${msg}${at === '' ? '' : ` (at ${goQuote(at)})`}`);
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function hexValue(c: number): number {
  if (isDigit(c)) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** parseIPv4Fields: four decimal octets of input[off, end) into out[at..at+4). */
function parseIPv4Fields(input: string, off: number, end: number, out: Uint8Array, at: number): void {
  const s = input.slice(off, end);
  let val = 0;
  let pos = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      if (digits === 1 && val === 0) throw addrError(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + (c - 0x30);
      digits++;
      if (val > 255) throw addrError(input, 'IPv4 field has value >255');
    } else if (c === 0x2e) {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') throw addrError(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) throw addrError(input, 'IPv4 address too long');
      out[at + pos++] = val;
      val = 0;
      digits = 0;
    } else {
      throw addrError(input, 'unexpected character', s.slice(i));
    }
  }
  if (pos < 3) throw addrError(input, 'IPv4 address too short');
  out[at + 3] = val;
}

function parseIPv6(input: string): NetAddr {
  let s = input;
  let zone = '';
  const percent = s.indexOf('%');
  if (percent !== -1) {
    zone = s.slice(percent + 1);
    s = s.slice(0, percent);
    if (zone === '') throw addrError(input, 'zone must be a non-empty string');
  }
  const ip = new Uint8Array(16);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return new NetAddr(ip, zone);
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const h = hexValue(s.charCodeAt(off));
      if (h < 0) break;
      acc = acc * 16 + h;
      if (off > 3) throw addrError(input, 'each group must have 4 or less digits', s);
      if (acc > 0xffff) throw addrError(input, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) throw addrError(input, 'each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12) throw addrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) throw addrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      const end = input.length - (zone.length > 0 ? zone.length + 1 : 0);
      parseIPv4Fields(input, end - s.length, end, ip, i);
      s = '';
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ':') throw addrError(input, 'unexpected character, want colon', s);
    if (s.length === 1) throw addrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw addrError(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) throw addrError(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) throw addrError(input, 'address string too short');
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j]!;
    ip.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) {
    throw addrError(input, 'the :: must expand to at least one field of zeros');
  }
  return new NetAddr(ip, zone);
}

/** netip.ParseAddr: the first '.', ':' or '%' decides the form. */
export function parseAddr(s: string): NetAddr {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '.') {
      const out = new Uint8Array(4);
      parseIPv4Fields(s, 0, s.length, out, 0);
      return new NetAddr(out);
    }
    if (c === ':') return parseIPv6(s);
    if (c === '%') throw addrError(s, 'missing IPv6 address');
  }
  throw addrError(s, 'unable to parse IP');
}

function prefixError(input: string, msg: string): Error {
  return new Error(`netip.ParsePrefix(${goQuote(input)}): ${msg}`);
}

/** strconv.Atoi for what ParsePrefix lets through: decimal digits, an optional sign, within int64. */
function atoi(s: string): number | undefined {
  let i = s[0] === '+' || s[0] === '-' ? 1 : 0;
  if (i === s.length) return undefined;
  for (; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return undefined;
  const v = BigInt(s);
  if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) return undefined;
  return Number(v);
}

/** netip.ParsePrefix: an address, '/', and a decimal length without leading zeros. */
export function parsePrefix(s: string): NetPrefix {
  const slash = s.lastIndexOf('/');
  if (slash < 0) throw prefixError(s, "no '/'");
  let addr: NetAddr;
  try {
    addr = parseAddr(s.slice(0, slash));
  } catch (e) {
    throw prefixError(s, (e as Error).message);
  }
  if (!addr.is4 && addr.zone !== '') throw prefixError(s, 'IPv6 zones cannot be present in a prefix');
  const bitsStr = s.slice(slash + 1);
  const first = bitsStr.charCodeAt(0);
  if (bitsStr.length > 1 && (first < 0x31 || first > 0x39)) throw prefixError(s, `bad bits after slash: ${goQuote(bitsStr)}`);
  const bits = atoi(bitsStr);
  if (bits === undefined) throw prefixError(s, `bad bits after slash: ${goQuote(bitsStr)}`);
  if (bits < 0 || bits > addr.bitLen()) throw prefixError(s, 'prefix length out of range');
  return new NetPrefix(addr, bits);
}
