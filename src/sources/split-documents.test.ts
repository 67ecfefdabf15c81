import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callWithin } from '../../test/support/time-limit';
import { isBlank, splitDocuments } from './split-documents';

const starts = (text: string) => splitDocuments(text).map((c) => c.startLine);

test('a single implicit document', () => {
  assert.deepEqual(splitDocuments('a: 1\nb: 2\n'), [{ text: 'a: 1\nb: 2\n', startLine: 0 }]);
});

test('leading comments before the first --- are not a document', () => {
  assert.deepEqual(starts('# c\n\n---\na: 1\n---\nb: 2\n'), [2, 4]);
});

test('empty explicit documents are kept, so document indexes match YAML', () => {
  assert.deepEqual(starts('---\n---\na: 1\n'), [0, 1]);
});

test('... ends a document; a marker needs white space or the end of the line after it', () => {
  const chunks = splitDocuments('a: 1\n...\n---\nb: "---x"\n----\n--- c\n');
  assert.deepEqual(
    chunks.map((c) => c.startLine),
    [0, 2, 5],
  );
  assert.equal(chunks[1]!.text, '---\nb: "---x"\n----\n');
});

test('CRLF line endings', () => {
  assert.deepEqual(starts('a: 1\r\n---\r\nb: 2\r\n'), [0, 1]);
});

test('isBlank is linear: comment banners and many comment lines before content return at once', async () => {
  // Before: a banner of 30 `#` followed by content took minutes (exponential backtracking).
  const banner = `${'#'.repeat(40)}\napiVersion: v1\n`;
  const lines = `${'# a comment line\n'.repeat(1000)}kind: Pod\n`;
  const huge = `${'#'.repeat(200_000)}\nx: 1\n`;
  for (const text of [banner, lines, huge]) {
    const r = await callWithin<boolean>(2000, 'src/sources/split-documents', 'isBlank', [text]);
    assert.equal(r.value, false);
  }
  const blank = await callWithin<boolean>(2000, 'src/sources/split-documents', 'isBlank', [`${'#'.repeat(40)}\n  # x\r\n\t\n#`]);
  assert.equal(blank.value, true);
});

test('isBlank: only white space and comments are blank', () => {
  assert.equal(isBlank(''), true);
  assert.equal(isBlank(' \t\r\n# c\n   #c'), true);
  assert.equal(isBlank('# c\n a'), false);
  assert.equal(isBlank('a # c'), false);
});
