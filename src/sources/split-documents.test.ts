import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitDocuments } from './split-documents';

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
  assert.deepEqual(chunks.map((c) => c.startLine), [0, 2, 5]);
  assert.equal(chunks[1]!.text, '---\nb: "---x"\n----\n');
});

test('CRLF line endings', () => {
  assert.deepEqual(starts('a: 1\r\n---\r\nb: 2\r\n'), [0, 1]);
});
