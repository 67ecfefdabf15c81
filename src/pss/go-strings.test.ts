import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareGo, DERIVED_FOR_UNICODE, goQuote, goString, isGoPrintable, sortedUnique } from './go-strings';

describe('goQuote matches Go %q (strconv.Quote)', () => {
  const cases: [string, string, string][] = [
    ['plain ASCII', 'runtime/default', '"runtime/default"'],
    ['empty', '', '""'],
    ['quote and backslash', 'a"b\\c', '"a\\"b\\\\c"'],
    ['a literal backslash-u stays a backslash and a u', 'x\\u0041', '"x\\\\u0041"'],
    ['short escapes', '\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['other C0 controls as \\x', '\x00\x1b\x1f', '"\\x00\\x1b\\x1f"'],
    ['DEL as \\x7f', 'a\x7fb', '"a\\x7fb"'],
    ['C1 controls as \\u', '\u0080\u0085\u009f', '"\\u0080\\u0085\\u009f"'],
    ['no-break space and soft hyphen are not printable', '\u00a0\u00ad', '"\\u00a0\\u00ad"'],
    ['line and paragraph separators', 'a\u2028b\u2029c', '"a\\u2028b\\u2029c"'],
    ['format characters', '\u200b\u200e\ufeff', '"\\u200b\\u200e\\ufeff"'],
    ['other spaces are not printable either', '\u2003\u3000', '"\\u2003\\u3000"'],
    ['private use', '\ue000', '"\\ue000"'],
    ['unassigned', '\u0378', '"\\u0378"'],
    ['astral non-printable as \\U', '\u{e0041}\u{f0000}', '"\\U000e0041\\U000f0000"'],
    ['letters, marks, symbols and astral printables as they are', 'é日本ñ̃¡😀𝔸', '"é日本ñ̃¡😀𝔸"'],
    ["printable to this Node but unassigned in Go's Unicode 15.0", '\u31ef\u{2ebf0}\u{1fae9}', '"\\u31ef\\U0002ebf0\\U0001fae9"'],
    ['a lone surrogate is the U+FFFD Go decoded', 'a\ud800b\udc00', '"a\ufffdb\ufffd"'],
  ];
  for (const [name, input, want] of cases) {
    test(name, () => assert.equal(goQuote(input), want));
  }

  test('round trip: decoding the quoted text gives the input back, and only printable ASCII escapes appear', () => {
    const pool = ['a', 'Z', ' ', '"', '\\', '\n', '\x00', '\x7f', '\u0085', '\u00a0', 'é', '\u2028', '\ue000', '😀', '\u{e0001}', '日', '\u0301'];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let n = 0; n < 500; n++) {
      let s = '';
      for (let k = next() % 12; k > 0; k--) s += pool[next() % pool.length];
      const q = goQuote(s);
      assert.ok(q.startsWith('"') && q.endsWith('"'), q);
      assert.equal(decodeGoQuoted(q), s, q);
    }
  });

  const unicode = process.versions.unicode ?? '';
  test(`the list of code points Go does not know yet was derived for this Node's Unicode (${unicode})`, () => {
    const major = Number(unicode.split('.')[0]);
    assert.ok(
      major <= DERIVED_FOR_UNICODE,
      `Node's Unicode ${unicode} is newer than ${DERIVED_FOR_UNICODE}.0: characters it added look printable to goQuote ` +
        'but not to Go; derive UNKNOWN_TO_GO in go-strings.ts again',
    );
  });

  test('isGoPrintable: ASCII space and graphic characters only', () => {
    assert.equal(isGoPrintable(0x20), true);
    assert.equal(isGoPrintable(0x7e), true);
    assert.equal(isGoPrintable(0x7f), false);
    assert.equal(isGoPrintable(0x09), false);
    assert.equal(isGoPrintable(0x2028), false);
    assert.equal(isGoPrintable(0xfffd), true);
    assert.equal(isGoPrintable(0x1f600), true);
    assert.equal(isGoPrintable(0x2ebf0), false);
  });
});

/** Reads back a Go double-quoted string literal (the escapes goQuote writes). */
function decodeGoQuoted(q: string): string {
  const body = q.slice(1, -1);
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      assert.notEqual(ch, '"', 'an unescaped quote');
      out += ch;
      continue;
    }
    const kind = body[++i]!;
    const digits = kind === 'x' ? 2 : kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
    if (digits === 0) {
      assert.ok(kind in simple, `unknown escape \\${kind}`);
      out += simple[kind];
      continue;
    }
    out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + digits), 16));
    i += digits;
  }
  return out;
}

describe('Go string order', () => {
  test('code point order, unlike UTF-16 order above U+FFFF', () => {
    assert.ok(compareGo('\ue000', '😀') < 0);
    assert.ok(compareGo('\uffff', '\u{10000}') < 0);
    assert.ok(['😀', '\ue000'].sort()[0] === '😀', 'JavaScript sorts the other way');
    assert.ok(compareGo('a', 'ab') < 0 && compareGo('ab', 'a') > 0);
    assert.ok(compareGo('', 'a') < 0);
    assert.equal(compareGo('same😀', 'same😀'), 0);
  });

  test('agrees with comparing UTF-8 bytes, lone surrogates included (Go holds them as U+FFFD)', () => {
    const pool = ['a', 'b', '\u00e9', '\u07ff', '\u0800', '\ud7ff', '\ue000', '\ufffd', '\uffff', '😀', '\u{10000}', '\u{10ffff}', '\ud800', '\udfff'];
    let seed = 11;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const word = () => {
      let s = '';
      for (let k = next() % 4; k > 0; k--) s += pool[next() % pool.length];
      return s;
    };
    for (let n = 0; n < 3000; n++) {
      const a = word();
      const b = word();
      assert.equal(Math.sign(compareGo(a, b)), Buffer.compare(Buffer.from(a), Buffer.from(b)), JSON.stringify([a, b]));
    }
  });

  test('sortedUnique is sets.List: distinct values in Go order', () => {
    assert.deepEqual(sortedUnique(['b', 'a', 'b', '😀', '\uffff']), ['a', 'b', '\uffff', '😀']);
    assert.deepEqual(sortedUnique(new Set(['z'])), ['z']);
    assert.deepEqual(sortedUnique([]), []);
  });
});

test('goString reads a string field as Go decodes it', () => {
  assert.equal(goString('x'), 'x');
  assert.equal(goString(undefined), '');
  assert.equal(goString(null), '');
  assert.equal(goString(5), '5');
});
