import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareLevels, LEVELS } from './levels';

test('CompareLevels: the sign of a strictness comparison, as upstream orders the levels', () => {
  assert.equal(compareLevels('restricted', 'baseline'), 1);
  assert.equal(compareLevels('privileged', 'baseline'), -1);
  assert.equal(compareLevels('baseline', 'baseline'), 0);
  assert.equal(compareLevels('privileged', 'restricted'), -1);
  // Sorting by it orders least to most strict.
  assert.deepEqual(
    ['restricted', 'privileged', 'baseline'].sort((a, b) => compareLevels(a as never, b as never)),
    [...LEVELS],
  );
});
