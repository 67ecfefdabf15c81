import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { Output, outputsDrained } from './output';

test('a backed-up stream is waited for before the next input; a free one is not', async () => {
  const chunks: string[] = [];
  let release: (() => void) | undefined;
  const slow = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      release = done; // the reader has not taken it yet
    },
  });
  const out = new Output(slow);
  out.write('x'.repeat(100));
  out.flush();
  let drained = false;
  const waiting = outputsDrained().then(() => (drained = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(drained, false, 'must wait while the pipe is full');
  release!();
  await waiting;
  assert.equal(drained, true);
  assert.deepEqual(chunks, ['x'.repeat(100)]);
  // Nothing backed up now: resolves at once.
  await outputsDrained();
});
