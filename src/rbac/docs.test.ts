import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { findingKindsMarkdown } from './docs';

test('docs/rbac.md describes every finding kind exactly as the catalogue does', () => {
  const page = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'rbac.md'), 'utf8');
  const begin = '<!-- finding-kinds:begin (generated from src/rbac/finding-kinds.ts) -->\n';
  const end = '<!-- finding-kinds:end -->';
  const at = page.indexOf(begin);
  assert.ok(at >= 0 && page.includes(end), 'the markers are in the page');
  assert.equal(page.slice(at + begin.length, page.indexOf(end)), `${findingKindsMarkdown()}\n`);
});
