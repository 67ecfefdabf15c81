import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddr, parsePrefix } from './netip';

test('addresses parse and print as net/netip does', () => {
  assert.equal(parseAddr('2001:0db8:0000:0000:0000:0000:0000:0001').toString(), '2001:db8::1');
  // The longest run of zero groups becomes ::, the first of equal runs; a single zero group stays.
  assert.equal(parseAddr('2001:db8:0:0:1:0:0:1').toString(), '2001:db8::1:0:0:1');
  assert.equal(parseAddr('1:0:2:3:4:5:6:7').toString(), '1:0:2:3:4:5:6:7');
  assert.equal(parseAddr('::1.2.3.4').toString(), '::102:304');
  assert.equal(parseAddr('::ffff:1.2.3.4').toString(), '::ffff:1.2.3.4');
  assert.equal(parseAddr('fe80::1%eth0').zone, 'eth0');
});

test('parse errors read as Go writes them', () => {
  const error = (s: string): string => {
    try {
      parseAddr(s);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  assert.equal(error('1.2.3.04'), 'ParseAddr("1.2.3.04"): IPv4 field has octet with leading zero');
  assert.equal(error('1..2.3'), 'ParseAddr("1..2.3"): IPv4 field must have at least one digit (at ".2.3")');
  assert.equal(error('1::2::3'), 'ParseAddr("1::2::3"): multiple :: in address (at ":3")');
  assert.equal(error('1:2:3:4:5:6:7:8:9'), 'ParseAddr("1:2:3:4:5:6:7:8:9"): trailing garbage after address (at "9")');
  assert.equal(error('abc'), 'ParseAddr("abc"): unable to parse IP');
  assert.throws(() => parsePrefix('10.0.0.0/08'), { message: 'netip.ParsePrefix("10.0.0.0/08"): bad bits after slash: "08"' });
  assert.throws(() => parsePrefix('10.0.0.0/33'), { message: 'netip.ParsePrefix("10.0.0.0/33"): prefix length out of range' });
});

test('prefixes keep the address as written; contains and overlaps compare the first bits only', () => {
  const p = parsePrefix('10.1.2.3/8');
  assert.equal(p.toString(), '10.1.2.3/8');
  assert.equal(p.masked().toString(), '10.0.0.0/8');
  assert.ok(p.contains(parseAddr('10.255.0.1')));
  assert.ok(!p.contains(parseAddr('11.0.0.1')));
  assert.ok(!parsePrefix('::/0').contains(parseAddr('1.2.3.4')));
  assert.ok(parsePrefix('10.0.0.0/8').overlaps(parsePrefix('10.2.0.0/16')));
  assert.ok(!parsePrefix('10.0.0.0/8').overlaps(parsePrefix('::/0')));
});

test('a long hostile input is refused in one pass', () => {
  const t = Date.now();
  assert.throws(() => parseAddr('1:'.repeat(200_000)));
  assert.throws(() => parseAddr('1.'.repeat(200_000)));
  assert.ok(Date.now() - t < 1000);
});
