// Generated hostile manifests, from a seed: the shapes that hung or could hang a YAML-reading
// security gate (comment banners, deep nesting, huge scalars, many keys, many documents, alias
// bombs, merge chains, glob patterns built to backtrack, long names) mixed with random noise.
//
// Sizes of the many-keys, many-containers and many-documents cases stay below what `fix` handles
// in time today: it is quadratic there (issue 11 item 5, being fixed in src/fix/; 13,000
// annotations took 4 s and 3,000 documents over 8 s). Raise FIX_BOUND once that lands.
import { Random } from '../support/random';

const FIX_BOUND = { keys: 3000, containers: 600, documents: 400 };

export type Rand = () => number;

/** The shared seeded source (mulberry32): the same sequence for the same seed everywhere. */
export function seeded(seed: number): Rand {
  const r = new Random(seed);
  return () => r.next();
}

const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function pod(name: string, containers: string, annotations = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: fuzz\n${annotations ? `  annotations:\n${annotations}` : ''}spec:\n  containers:\n${containers}`;
}
const container = (name: string, extra = '') => `  - name: ${name}\n    image: nginx\n    securityContext:\n      privileged: true\n${extra}`;

export interface HostileCase {
  readonly name: string;
  readonly text: string;
}

type Generator = (r: Rand) => string;

const GENERATORS: Record<string, Generator> = {
  'comment banner': (r) => `${'#'.repeat(int(r, 30, 20_000))}\n${pod('p', container('c'))}`,
  'many comment lines': (r) => `${`# ${'='.repeat(int(r, 0, 80))}\n`.repeat(int(r, 20, 5000))}${pod('p', container('c'))}`,
  'comments between documents': (r) => Array.from({ length: int(r, 2, 300) }, () => `${'#'.repeat(int(r, 1, 200))}\n---\n${pod('p', container('c'))}`).join(''),
  'deep flow nesting': (r) => {
    const d = int(r, 100, 20_000);
    return `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}], x: ${'['.repeat(d)}${']'.repeat(d)}}\n`;
  },
  'deep block nesting': (r) => {
    const d = int(r, 50, 3000);
    let s = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: i}]\n  deep:\n';
    for (let i = 0; i < d; i++) s += `${' '.repeat(4 + i)}k${i}:\n`;
    return `${s}${' '.repeat(4 + d)}v: 1\n`;
  },
  'huge scalars': (r) => pod('p', container('c', `      seLinuxOptions: {type: "${'x'.repeat(int(r, 100_000, 3_000_000))}"}\n`)),
  'huge key': (r) => pod('p', container('c'), `    ${'k'.repeat(int(r, 10_000, 1_000_000))}: v\n`),
  'many keys': (r) => pod('p', container('c'), Array.from({ length: int(r, 1000, FIX_BOUND.keys) }, (_, i) => `    a${i}: "v"\n`).join('')),
  'many containers': (r) => pod('p', Array.from({ length: int(r, 50, FIX_BOUND.containers) }, (_, i) => container(`c${i}`)).join('')),
  'many documents': (r) => Array.from({ length: int(r, 100, FIX_BOUND.documents) }, (_, i) => `---\n${pod(`p${i}`, container('c'))}`).join(''),
  'alias bomb': (r) => {
    const levels = int(r, 5, 12);
    let s = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i}]\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= levels; i++) s += `  l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]\n`;
    return s;
  },
  'merge chain': (r) => {
    const n = int(r, 10, 3000);
    let s = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i}]\n  m0: &m0 {k0: 0}\n';
    for (let i = 1; i < n; i++) s += `  m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: ${i}}\n`;
    return s;
  },
  'merge keys in a security context': (r) =>
    pod(
      'p',
      `  - name: c\n    image: i\n    securityContext:\n      privileged: false\n      <<: ${pick(r, ['{privileged: true}', '[{privileged: true}, {runAsUser: 0}]', '1', 'null', '[1]', '{}'])}\n`,
    ),
  'backtracking exception patterns': (r) => {
    const pattern = `${'*a'.repeat(int(r, 5, 400))}*b`;
    const names = Array.from({ length: int(r, 1, 40) }, (_, i) => container(`${'a'.repeat(int(r, 30, 63))}${i}`)).join('');
    const checks = ['privileged', 'runAsNonRoot', 'allowPrivilegeEscalation', pick(r, ['seccompProfile', 'x'.repeat(300)])];
    const ann = checks
      .map(
        (c) =>
          `    exception.podguard.dev/${c}: "fuzz"\n    exception.podguard.dev/${c}.containers: "${pattern}, ${'?'.repeat(int(r, 1, 100))}*, ${'*'.repeat(int(r, 1, 500))}"\n`,
      )
      .join('');
    return pod('p', names, ann);
  },
  'long names': (r) => pod('x'.repeat(int(r, 254, 200_000)), container('y'.repeat(int(r, 64, 200_000)))),
  'cronjob with odd annotations': (r) =>
    `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\n  namespace: fuzz\n  annotations:\n    exception.podguard.dev/privileged: ""\n    exception.podguard.dev/privileged.expires: "${pick(r, ['2099-13-45', '9'.repeat(500), 'not a date', '2024-01-01'])}"\n    exception.podguard.dev/.containers: "*"\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n${container('c').replace(/^/gm, '        ')}`,
  'token soup': (r) => {
    const tokens = [
      '- ',
      ': ',
      '{',
      '}',
      '[',
      ']',
      ',',
      '&a ',
      '*a',
      '<<: ',
      '? ',
      '|',
      '>',
      '"',
      "'",
      '#',
      '\n',
      '  ',
      '---\n',
      '!!str ',
      '!x ',
      'kind: Pod',
      'apiVersion: v1',
      '\t',
      '\r\n',
      '...\n',
      '%YAML 1.1\n',
    ];
    return Array.from({ length: int(r, 10, 20_000) }, () => pick(r, tokens)).join('');
  },
  'CRLF, BOM and unicode': (r) => `\ufeff${pod(pick(r, ['p', '\u00e9t\u00e9', '\u{1f600}']), container('c')).replace(/\n/g, pick(r, ['\r\n', '\n', '\r']))}`,
};

/** `count` cases, every generator at least once, in an order fixed by the seed. */
export function hostileCases(seed: number, count: number): HostileCase[] {
  const r = seeded(seed);
  const names = Object.keys(GENERATORS);
  const cases: HostileCase[] = [];
  for (let i = 0; i < count; i++) {
    const name = i < names.length ? names[i]! : pick(r, names);
    cases.push({ name, text: GENERATORS[name]!(r) });
  }
  return cases;
}
