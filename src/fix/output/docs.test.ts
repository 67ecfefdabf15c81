import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { renderFixDocs } from './docs';
import { FIXES } from '../engine/registry';

const DOC = path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'fixes.md');

test('docs/fixes.md is generated from the fixes and up to date', () => {
  const expected = renderFixDocs();
  assert.equal(fs.readFileSync(DOC, 'utf8'), expected, 'docs/fixes.md is stale: run `node dist/src/fix/output/docs.js > docs/fixes.md`');
});

test('the page documents every fix and every remedy, safe or not', () => {
  const doc = renderFixDocs();
  for (const fix of FIXES) {
    assert.ok(doc.includes(`### ${fix.id}\n`), fix.id);
    for (const [name, r] of Object.entries(fix.remedies)) {
      assert.ok(doc.includes(`- **${name}** (${r.safe ? 'safe' : 'behaviour-changing'}`), `${fix.id}/${name}`);
      assert.ok(doc.includes(r.rationale), `${fix.id}/${name} rationale`);
    }
  }
});
