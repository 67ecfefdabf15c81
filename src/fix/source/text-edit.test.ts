import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, selectEdits } from './text-edit';

test('overlapping edits wait for the next pass; touching deletions go together; duplicates merge', () => {
  const a = { start: 0, end: 4, text: 'A' };
  const b = { start: 2, end: 6, text: 'B' }; // overlaps a
  const c = { start: 6, end: 8, text: '' }; // touches b, not a
  const d = { start: 8, end: 10, text: '' }; // touches c: both deletions
  const e = { start: 8, end: 10, text: '' }; // same as d
  const { chosen, duplicates, deferred } = selectEdits([d, b, a, c, e]);
  assert.deepEqual(chosen, [a, c, d]);
  assert.deepEqual(duplicates, [e]);
  assert.deepEqual(deferred, [b]);
  assert.equal(applyEdits('0123456789ab', chosen), 'A45ab');
});

test('two insertions at one place, or an insertion touching a replacement, are kept apart', () => {
  const i1 = { start: 5, end: 5, text: 'x' };
  const i2 = { start: 5, end: 5, text: 'y' };
  const r = { start: 2, end: 5, text: 'z' };
  assert.deepEqual(selectEdits([i1, i2]).deferred, [i2]);
  assert.deepEqual(selectEdits([r, i1]).deferred, [i1]);
});

test('applyEdits refuses overlapping input', () => {
  assert.throws(
    () =>
      applyEdits('abc', [
        { start: 0, end: 2, text: '' },
        { start: 1, end: 3, text: '' },
      ]),
    /overlapping/,
  );
});

test('insertions at one offset that add different things go together, the deepest first', () => {
  const pod = { start: 9, end: 9, text: '  sc: {}\n', adds: { what: 'key sc of pod', column: 2 } };
  const container = { start: 9, end: 9, text: '      sc: {}\n', adds: { what: 'key sc of container', column: 6 } };
  const again = { start: 9, end: 9, text: '      sc: {x: 1}\n', adds: { what: 'key sc of container', column: 6 } };
  const { chosen, deferred } = selectEdits([pod, container, again]);
  assert.deepEqual(chosen, [container, pod]);
  assert.deepEqual(deferred, [again], 'the same key twice in one mapping would be a duplicate key');
});

test('selecting edits is linear: 100,000 touching insertions take well under a second, not minutes', () => {
  // A replacement and an insertion touching it at each offset: the old selection searched every
  // edit picked so far for each of them (5·10⁹ steps here).
  const edits = [];
  for (let i = 0; i < 100_000; i++) {
    edits.push({ start: i, end: i + 1, text: 'r' }, { start: i + 1, end: i + 1, text: 'x', adds: { what: `key ${i}`, column: 0 } });
  }
  const t0 = process.hrtime.bigint();
  const { chosen, deferred } = selectEdits(edits);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(chosen.length, 100_000);
  assert.equal(deferred.length, 100_000);
  assert.ok(ms < 1500, `selectEdits took ${ms.toFixed(0)} ms`);
});
