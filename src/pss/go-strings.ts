// How Go sees and prints strings, so that messages built from user values come out as upstream's
// do: what a decoded string field holds, Go's string order (sets.List, sort.Strings) and Go's %q.

/** A string field as Go decodes it: absent and null are the empty string. */
export function goString(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/**
 * The code point at `i` as Go holds it. Go strings are UTF-8, and the API server's JSON decoder
 * turns a lone surrogate into U+FFFD, so that is what a lone surrogate here stands for.
 */
function runeAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return c;
  if (c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return 0xfffd;
}

/**
 * Go's string order: by UTF-8 bytes, which is code point order. JavaScript's default sort
 * compares UTF-16 units instead, which puts U+10000 and above before U+E000–U+FFFF. Allocates nothing.
 */
export function compareGo(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    if (x === b.charCodeAt(j) && (x < 0xd800 || x > 0xdfff)) {
      i++;
      j++;
      continue;
    }
    const rx = runeAt(a, i);
    const ry = runeAt(b, j);
    if (rx !== ry) return rx - ry;
    i += rx > 0xffff ? 2 : 1;
    j += ry > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}

/** Go's sets.List(): the distinct values, in Go's string order. */
export function sortedUnique(values: Iterable<string>): string[] {
  return Array.from(new Set(values)).sort(compareGo);
}

// --- %q --------------------------------------------------------------------------------------

/** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * Code points this Node's Unicode (17.0 in Node 20.20) calls printable but Go does not: Go has
 * used Unicode 15.0.0 since Go 1.21 (golang/go#65141 tracks 15.1), and there these are unassigned.
 * Pairs of first and last code point, ascending. Derived by comparing
 * strconv.IsPrint's tables (src/strconv/isprint.go) with PRINTABLE over every code point; a
 * test fails when Node's Unicode moves past 17.0 and the list needs deriving again.
 */
const UNKNOWN_TO_GO: readonly number[] = [
  0x88f, 0x88f, 0x897, 0x897, 0xc5c, 0xc5c, 0xcdc, 0xcdc, 0x1acf, 0x1add, 0x1ae0, 0x1aeb, 0x1b4e, 0x1b4f, 0x1b7f, 0x1b7f, 0x1c89, 0x1c8a, 0x20c1, 0x20c1,
  0x2427, 0x2429, 0x2b96, 0x2b96, 0x2ffc, 0x2fff, 0x31e4, 0x31e5, 0x31ef, 0x31ef, 0xa7cb, 0xa7cf, 0xa7d2, 0xa7d2, 0xa7d4, 0xa7d4, 0xa7da, 0xa7dc, 0xa7f1,
  0xa7f1, 0xfbc3, 0xfbd2, 0xfd90, 0xfd91, 0xfdc8, 0xfdce, 0x105c0, 0x105f3, 0x10940, 0x10959, 0x10d40, 0x10d65, 0x10d69, 0x10d85, 0x10d8e, 0x10d8f, 0x10ec2,
  0x10ec7, 0x10ed0, 0x10ed8, 0x10efa, 0x10efc, 0x11380, 0x11389, 0x1138b, 0x1138b, 0x1138e, 0x1138e, 0x11390, 0x113b5, 0x113b7, 0x113c0, 0x113c2, 0x113c2,
  0x113c5, 0x113c5, 0x113c7, 0x113ca, 0x113cc, 0x113d5, 0x113d7, 0x113d8, 0x113e1, 0x113e2, 0x116d0, 0x116e3, 0x11b60, 0x11b67, 0x11bc0, 0x11be1, 0x11bf0,
  0x11bf9, 0x11db0, 0x11ddb, 0x11de0, 0x11de9, 0x11f5a, 0x11f5a, 0x13460, 0x143fa, 0x16100, 0x16139, 0x16d40, 0x16d79, 0x16ea0, 0x16eb8, 0x16ebb, 0x16ed3,
  0x16ff2, 0x16ff6, 0x187f8, 0x187ff, 0x18cff, 0x18cff, 0x18d09, 0x18d1e, 0x18d80, 0x18df2, 0x1cc00, 0x1ccfc, 0x1cd00, 0x1ceb3, 0x1ceba, 0x1ced0, 0x1cee0,
  0x1cef0, 0x1e5d0, 0x1e5fa, 0x1e5ff, 0x1e5ff, 0x1e6c0, 0x1e6de, 0x1e6e0, 0x1e6f5, 0x1e6fe, 0x1e6ff, 0x1f6d8, 0x1f6d8, 0x1f777, 0x1f77a, 0x1f8b2, 0x1f8bb,
  0x1f8c0, 0x1f8c1, 0x1f8d0, 0x1f8d8, 0x1fa54, 0x1fa57, 0x1fa89, 0x1fa8a, 0x1fa8e, 0x1fa8f, 0x1fabe, 0x1fabe, 0x1fac6, 0x1fac6, 0x1fac8, 0x1fac8, 0x1facd,
  0x1facd, 0x1fadc, 0x1fadc, 0x1fadf, 0x1fadf, 0x1fae9, 0x1faea, 0x1faef, 0x1faef, 0x1fbcb, 0x1fbef, 0x1fbfa, 0x1fbfa, 0x2b73a, 0x2b73f, 0x2cea2, 0x2cead,
  0x2ebf0, 0x2ee5d, 0x323b0, 0x33479,
];

/** The Unicode version UNKNOWN_TO_GO was derived against. */
export const DERIVED_FOR_UNICODE = 17;

function unknownToGo(r: number): boolean {
  let lo = 0;
  let hi = UNKNOWN_TO_GO.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (r < UNKNOWN_TO_GO[2 * mid]!) hi = mid - 1;
    else if (r > UNKNOWN_TO_GO[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** strconv.IsPrint, as Go answers it with Unicode 15.0.0's tables. */
export function isGoPrintable(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return PRINTABLE.test(String.fromCodePoint(r)) && !unknownToGo(r);
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};

/** Printable ASCII without `"` or `\`: quoted as it is, the common case. */
const PLAIN_ASCII = /^[ !#-[\]-~]*$/;

function hex(n: number, digits: number): string {
  return n.toString(16).padStart(digits, '0');
}

/**
 * Go's %q of a string (strconv.Quote): `"` and `\` escaped; printable runes as they are; \a \b \f
 * \n \r \t \v; other runes below U+0020 and DEL as \xNN; other non-printable runes (C1 controls,
 * U+00A0, U+00AD, U+2028, U+2029, private use, unassigned, …) as \uNNNN or \UNNNNNNNN.
 */
export function goQuote(s: string): string {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length;) {
    const r = runeAt(s, i);
    i += r > 0xffff ? 2 : 1;
    if (r === 0x22) out += '\\"';
    else if (r === 0x5c) out += '\\\\';
    else if (isGoPrintable(r)) out += String.fromCodePoint(r);
    else if (SHORT_ESCAPES[r] !== undefined) out += SHORT_ESCAPES[r];
    else if (r < 0x20 || r === 0x7f) out += `\\x${hex(r, 2)}`;
    else if (r < 0x10000) out += `\\u${hex(r, 4)}`;
    else out += `\\U${hex(r, 8)}`;
  }
  return out + '"';
}
