import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requirementProblem, selectorMatches } from './label-selector';

const labels = { team: 'a', tier: 'gold' };

test('an empty selector selects everything; matchLabels and expressions must all hold (LabelSelectorAsSelector)', () => {
  assert.equal(selectorMatches({ matchLabels: {}, matchExpressions: [] }, {}), true);
  assert.equal(selectorMatches({ matchLabels: { team: 'a' }, matchExpressions: [] }, labels), true);
  assert.equal(selectorMatches({ matchLabels: { team: 'b' }, matchExpressions: [] }, labels), false);
  assert.equal(selectorMatches({ matchLabels: { team: 'a' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['silver'] }] }, labels), false);
});

test('In, NotIn, Exists, DoesNotExist; NotIn and DoesNotExist match objects without the key', () => {
  const m = (operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values: string[], l: Record<string, string>) =>
    selectorMatches({ matchLabels: {}, matchExpressions: [{ key: 'tier', operator, values }] }, l);
  assert.equal(m('In', ['gold', 'x'], labels), true);
  assert.equal(m('In', ['silver'], labels), false);
  assert.equal(m('In', ['gold'], {}), false);
  assert.equal(m('NotIn', ['gold'], labels), false);
  assert.equal(m('NotIn', ['silver'], labels), true);
  assert.equal(m('NotIn', ['gold'], {}), true);
  assert.equal(m('Exists', [], labels), true);
  assert.equal(m('Exists', [], {}), false);
  assert.equal(m('DoesNotExist', [], {}), true);
  assert.equal(m('DoesNotExist', [], labels), false);
});

test('requirements the API would reject are named', () => {
  assert.match(requirementProblem('in', ['a'])!, /"in" is not a valid label selector operator/);
  assert.match(requirementProblem('In', [])!, /can't be empty/);
  assert.match(requirementProblem('Exists', ['a'])!, /must be empty/);
  assert.equal(requirementProblem('NotIn', ['a']), undefined);
});
