// Layers point one way: the top-level folders of src/ import each other without a cycle, and
// nothing below the command line imports it. The imports are read with TypeScript's own
// pre-processor (comments and strings are not imports), from the sources, not from dist/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..', '..');
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Folder-level import edges: from → (to → one file that shows the edge). */
export function folderEdges(srcDir: string): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(srcDir)) {
    const from = path.relative(srcDir, file).split(path.sep)[0]!;
    for (const ref of ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = path.relative(srcDir, path.resolve(path.dirname(file), ref.fileName));
      const to = target.split(path.sep)[0]!;
      if (to === from || to.startsWith('..')) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, path.relative(ROOT, file));
    }
  }
  return edges;
}

/** One cycle as a list of folders (first repeated at the end), or undefined. */
export function findCycle(edges: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return undefined;
}

function describe(cycle: string[], edges: Map<string, Map<string, string>>): string {
  return cycle
    .slice(0, -1)
    .map((from, i) => `${from} → ${cycle[i + 1]} (${edges.get(from)!.get(cycle[i + 1]!)})`)
    .join(', ');
}

test('the top-level folders of src/ import each other without a cycle', () => {
  const edges = folderEdges(SRC);
  assert.ok(edges.size > 5, 'the import graph was read');
  const cycle = findCycle(edges);
  assert.equal(cycle, undefined, cycle && `import cycle: ${describe(cycle, edges)}`);
});

test('only the command line imports the command line', () => {
  const offenders = [...folderEdges(SRC)].filter(([, to]) => to.has('cli')).map(([from, to]) => `${from} (${to.get('cli')})`);
  assert.deepEqual(offenders, []);
});

test('the cycle finder finds a cycle of three and names each edge', () => {
  const edges = new Map([
    ['a', new Map([['b', 'src/a/x.ts']])],
    ['b', new Map([['c', 'src/b/y.ts']])],
    ['c', new Map([['a', 'src/c/z.ts']])],
  ]);
  const cycle = findCycle(edges);
  assert.deepEqual(cycle, ['a', 'b', 'c', 'a']);
  assert.equal(describe(cycle!, edges), 'a → b (src/a/x.ts), b → c (src/b/y.ts), c → a (src/c/z.ts)');
  assert.equal(findCycle(new Map([['a', new Map([['b', 'f']])]])), undefined);
});
