// YAML streams for the reader differential: hand-written ones for each corner where YAML 1.1
// (what sigs.k8s.io/yaml speaks) and YAML 1.2 (what most JavaScript parsers speak) part ways,
// and generated ones that combine those corners at random.

import { Random } from '../support/random';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';

/** name → a YAML stream */
export const HAND_WRITTEN: Record<string, string> = {
  'YAML 1.1 booleans':
    HEAD +
    'data:\n' +
    ['yes', 'Yes', 'YES', 'no', 'No', 'on', 'On', 'ON', 'off', 'Off', 'y', 'Y', 'n', 'N', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']
      .map((v, i) => `  k${i}: ${v}\n`)
      .join(''),
  'booleans as keys': HEAD + 'spec:\n  yes: 1\n  no: 2\n  on: 3\n  true: 4\n  y: 5\n',
  'numbers in YAML 1.1 forms':
    HEAD +
    'spec:\n' +
    [
      '0x1F',
      '0o17',
      '017',
      '0b101',
      '1_000',
      '+12',
      '-0',
      '.5',
      '1e3',
      '1.5E+3',
      '6.8523015e+5',
      '190:20:30',
      '1:30',
      '0.',
      '-.5',
      '12345678901234567890',
      '1_0.5',
      '0x_1F',
      '08',
      '0',
    ]
      .map((v, i) => `  n${i}: ${v}\n`)
      .join(''),
  'null forms': HEAD + 'spec:\n  a: ~\n  b: null\n  c: Null\n  d: NULL\n  e:\n  f: ""\n',
  'timestamps stay strings': HEAD + 'spec:\n  a: 2001-12-14\n  b: 2001-12-14t21:59:43.10-05:00\n  c: 2001-12-14 21:59:43.10 -5\n',
  quoting:
    HEAD +
    'spec:\n  a: "yes"\n  b: \'no\'\n  c: "0x1F"\n  d: "a\\tb\\u00e9"\n  e: \'it\'\'s\'\n  f: plain: with colon\n  g: "multi\n    line"\n  h: >-\n    folded\n    text\n  i: |\n    literal\n     kept\n',
  tags: HEAD + 'spec:\n  a: !!str 123\n  b: !!int "42"\n  c: !!bool "true"\n  d: !!float 1\n  e: !!str yes\n  f: !!null ""\n',
  'anchors and aliases': HEAD + 'spec:\n  base: &b {privileged: true, x: [1, 2]}\n  copy: *b\n  list: [&s one, *s]\n',
  'merge key first': HEAD + 'spec:\n  base: &b {a: 1, b: 2}\n  m:\n    <<: *b\n    a: 10\n',
  'merge key last': HEAD + 'spec:\n  base: &b {a: 1, b: 2}\n  m:\n    a: 10\n    <<: *b\n',
  'merge key in the middle': HEAD + 'spec:\n  base: &b {a: 1, b: 2, c: 3}\n  m:\n    a: 10\n    <<: *b\n    c: 30\n',
  'merge of a list of maps': HEAD + 'spec:\n  x: &x {a: 1}\n  y: &y {a: 2, b: 2}\n  m:\n    <<: [*x, *y]\n    c: 3\n',
  'merge of a list, explicit key first': HEAD + 'spec:\n  x: &x {a: 1}\n  y: &y {a: 2, b: 2}\n  m:\n    b: 9\n    <<: [*x, *y]\n',
  'merge inline map': HEAD + 'spec:\n  m:\n    a: 1\n    <<: {a: 2, b: 3}\n',
  'securityContext through a merge':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    securityContext:\n      privileged: false\n      <<: {privileged: true}\n',
  'duplicate keys': HEAD + 'spec:\n  a: 1\n  a: 2\n',
  'duplicate keys at top level': HEAD + 'kind: Secret\n',
  'flow style': '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: yes, b: [on, off]}}\n',
  'JSON document': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "1"}}\n',
  'several documents with comments and empty ones':
    '# leading comment\n---\n' + HEAD + '---\n---\n# only a comment\n---\n' + HEAD.replace('name: c', 'name: d') + '...\n',
  'document end marker then more': HEAD + '...\n---\n' + HEAD.replace('name: c', 'name: e'),
  'separator with trailing spaces': HEAD + '---   \n' + HEAD.replace('name: c', 'name: f'),
  'CRLF line endings': HEAD.replace(/\n/g, '\r\n') + 'data:\r\n  a: yes\r\n',
  BOM: '\ufeff' + HEAD,
  'tab after value': HEAD + 'data:\n  a: x\t\n',
  'keys that are numbers': HEAD + 'spec:\n  1: a\n  0x10: b\n  1.5: c\n  ~: d\n',
  'special floats': HEAD + 'spec:\n  a: .inf\n  b: -.Inf\n  c: .NaN\n',
  'broken document between good ones': HEAD + '---\nkind: [unclosed\n---\n' + HEAD.replace('name: c', 'name: g'),
  'sequence document': '- a\n- b\n',
  'scalar document': 'just a string\n',
  'no kind': 'apiVersion: v1\nmetadata:\n  name: x\n',
};

const SCALARS = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'True',
  'FALSE',
  '~',
  'null',
  '0x1F',
  '0o17',
  '017',
  '1_000',
  '+1',
  '.5',
  '1e3',
  '-.inf',
  '2001-12-14',
  '"yes"',
  "'on'",
  '!!str 1',
  '!!int "7"',
  'plain text',
  '"a: b"',
  '12',
  '0',
  '-3',
  '3.0',
  '""',
  'Y',
  'NO',
];
const KEYS = ['a', 'b', 'c', 'privileged', 'runAsNonRoot', 'hostPID', 'yes', 'on', '"on"', '1', 'x-y'];

/** A random mapping at the given indentation, in block or flow style, with anchors, aliases, merges and duplicates. */
function mapping(r: Random, indent: string, depth: number, anchors: string[]): string {
  const n = r.int(4) + 1;
  const lines: string[] = [];
  const used: string[] = [];
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    if (roll < 0.12 && anchors.length > 0) {
      // a merge key, anywhere among the keys
      lines.push(
        `${indent}<<: ${
          r.chance(0.7)
            ? `*${r.pick(anchors)}`
            : `[${
                r
                  .some(anchors, 2)
                  .map((a) => `*${a}`)
                  .join(', ') || `*${anchors[0]}`
              }]`
        }`,
      );
      continue;
    }
    const key = roll < 0.2 && used.length > 0 ? r.pick(used) : r.pick(KEYS); // sometimes a duplicate
    used.push(key);
    const anchor = r.chance(0.15) ? `a${anchors.length}` : undefined;
    if (depth < 3 && r.chance(0.35)) {
      if (r.chance(0.3)) {
        lines.push(
          `${indent}${key}: ${anchor ? `&${anchor} ` : ''}{${KEYS.slice(0, r.int(3) + 1)
            .map((k) => `${k}: ${r.pick(SCALARS)}`)
            .join(', ')}}`,
        );
      } else {
        lines.push(`${indent}${key}: ${anchor ? `&${anchor}` : ''}`);
        lines.push(mapping(r, indent + '  ', depth + 1, anchors));
      }
      if (anchor) anchors.push(anchor);
    } else if (r.chance(0.15)) {
      lines.push(`${indent}${key}: [${r.some(SCALARS, 3).join(', ')}]`);
    } else if (r.chance(0.1) && anchors.length > 0) {
      lines.push(`${indent}${key}: *${r.pick(anchors)}`);
    } else {
      lines.push(`${indent}${key}: ${r.pick(SCALARS)}${r.chance(0.1) ? '  # comment' : ''}`);
    }
  }
  return lines.join('\n');
}

/** A stream of 1–4 documents, each an object podguard would keep (apiVersion, kind, metadata). */
export function generatedStream(r: Random): string {
  const docs: string[] = [];
  for (let i = r.int(4) + 1; i > 0; i--) {
    docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: g${i}\nspec:\n${mapping(r, '  ', 0, [])}\n`);
  }
  return docs.join(r.chance(0.8) ? '---\n' : '---\n# between\n');
}
