// docs/psp.md prints the field → check table and the kept rules: every row the code uses is there.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { KEPT_RULES } from '../../src/psp/migrate';
import { FIELD_TABLE } from '../../src/psp/pss-levels';
import { REPO } from '../support/cli';

const doc = fs.readFileSync(path.join(REPO, 'docs', 'psp.md'), 'utf8');

test('docs/psp.md has a row for every field of the nearest-level table, with its checks', () => {
  for (const rule of FIELD_TABLE) assert.ok(doc.includes(`| \`${rule.field}\` | ${rule.checks} |`), rule.field);
});

test('docs/psp.md names every podguard policy the migration keeps a PSP rule with', () => {
  for (const k of KEPT_RULES) assert.ok(doc.includes(`| \`${k.id}\` |`), k.id);
});
