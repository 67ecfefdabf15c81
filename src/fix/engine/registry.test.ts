import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pssRegistry } from '../../pss/registry';
import { defineFix, NOTHING } from './fix';
import { builtinPolicies } from '../../policies/registry';
import { FIXES, fixFor, validateFixes } from './registry';

const FIXES_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'src', 'fix', 'fixes');

test('the registry is valid', () => {
  assert.deepEqual(validateFixes(FIXES, builtinPolicies().knownCheckIds()), []);
});

test('one file per fix in fixes/, named by the id it remedies, and the list names them all', () => {
  const files = fs
    .readdirSync(FIXES_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  assert.deepEqual(files, FIXES.map((f) => f.id).sort());
  for (const fix of FIXES) {
    const source = fs.readFileSync(path.join(FIXES_DIR, `${fix.id}.ts`), 'utf8');
    assert.match(source, new RegExp(`(id: |deriveFix\\(\\w+, )'${fix.id}'`), `fixes/${fix.id}.ts declares the fix for ${fix.id}`);
  }
});

test('every Pod Security Standards check has a fix', () => {
  for (const check of pssRegistry().checks) assert.ok(fixFor(check.id), `no fix for ${check.id}`);
});

test('validation reports every problem at once', () => {
  const bad = defineFix({
    id: 'noSuchCheck',
    summary: ' ',
    remedies: { Bad_Name: { safe: false, change: 'x', rationale: 'y' } },
    plan: () => NOTHING,
  });
  assert.deepEqual(validateFixes([bad, bad], new Set(['privileged'])), [
    'fix noSuchCheck: no check or policy has this id',
    'fix noSuchCheck: empty summary',
    'fix noSuchCheck: remedy id "Bad_Name" is not lower-case-with-dashes',
    'fix noSuchCheck: behaviour-changing remedy Bad_Name does not say how to check it',
    'more than one fix for noSuchCheck',
    'fix noSuchCheck: no check or policy has this id',
    'fix noSuchCheck: empty summary',
    'fix noSuchCheck: remedy id "Bad_Name" is not lower-case-with-dashes',
    'fix noSuchCheck: behaviour-changing remedy Bad_Name does not say how to check it',
  ]);
});
