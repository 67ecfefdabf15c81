// Reads one YAML configuration document with the `yaml` package, keeping what is needed to
// point errors at lines: the plain value, parse errors with lines, and the line of any path.

import type { Node } from 'yaml';

export type PathSegment = string | number;

export interface YamlSource {
  readonly value: unknown;
  readonly errors: readonly { line?: number; message: string }[];
  /** 1-based line of the value at `path` (or of its key, with `key`), the nearest existing ancestor otherwise. */
  lineOf(path: readonly PathSegment[], key?: boolean): number | undefined;
}

export function readYaml(text: string): YamlSource {
  // Loaded here, not at the top: every command imports the config loader, few read a file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  const errors = doc.errors.map((e) => ({ line: e.linePos?.[0]?.line, message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') }));
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ line: undefined, message: (e as Error).message });
    }
  }
  const lineAt = (node: Node | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line : undefined);
  return {
    value,
    errors,
    lineOf(path, key = false) {
      let node: unknown = doc.contents;
      let line = lineAt(node as Node);
      for (let i = 0; i < path.length; i++) {
        const seg = path[i]!;
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
          if (!pair) return line;
          if (key && i === path.length - 1) return lineAt(pair.key as Node) ?? line;
          node = pair.value;
          line = lineAt(node as Node) ?? lineAt(pair.key as Node) ?? line;
        } else if (isSeq(node) && typeof seg === 'number') {
          node = node.items[seg];
          line = lineAt(node as Node) ?? line;
        } else {
          return line;
        }
      }
      return line;
    },
  };
}
