import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { ProgressBar } from './progress';

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk: Buffer, _enc, cb) {
      w.text += chunk.toString();
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

test('draws namespaces done of total, objects read and elapsed time; redraws are throttled; finish erases', () => {
  const out = sink();
  let now = 0;
  const bar = new ProgressBar(out, () => now);
  bar.namespacesTotal(4);
  assert.match(out.text, /^\r\x1b\[Kauditing ░{24} 0\/4 namespaces · 0 objects · 0:00$/);
  now = 50;
  bar.objectsRead(1500);
  assert.equal(out.text.split('\r').length - 1, 1, 'no redraw within 100 ms');
  now = 65_000;
  bar.namespaceDone();
  bar.namespaceDone(); // same instant: throttled
  assert.match(out.text, /auditing █{6}░{18} 1\/4 namespaces · 1,500 objects · 1:05$/);
  now = 65_050;
  bar.namespaceDone();
  bar.namespaceDone();
  assert.match(out.text, /auditing █{24} 4\/4 namespaces/, 'the last namespace is always drawn');
  bar.finish();
  assert.ok(out.text.endsWith('\r\x1b[K'));
});

test('no bar when stderr is not a terminal', () => {
  const notTty = Object.assign(sink(), { isTTY: false }) as unknown as NodeJS.WriteStream;
  assert.equal(ProgressBar.forTerminal(notTty), undefined);
  const tty = Object.assign(sink(), { isTTY: true }) as unknown as NodeJS.WriteStream;
  const saved = process.env['TERM'];
  process.env['TERM'] = 'xterm';
  try {
    assert.ok(ProgressBar.forTerminal(tty) instanceof ProgressBar);
  } finally {
    if (saved === undefined) delete process.env['TERM'];
    else process.env['TERM'] = saved;
  }
});
