import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinPolicies } from '../../policies/registry';
import { fixSource } from './fix-source';

const RESTRICTED = { profile: { level: 'restricted', version: 'latest' } } as const;
const SETTINGS = { base: RESTRICTED, settingsFor: () => RESTRICTED };
const fix = (text: string) => fixSource(text, 'f.yaml', SETTINGS, { unsafe: true });

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n';
const FIXED_TAIL =
  '    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop:\n        - ALL\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n';

test('a pod without any security context: every fix in two passes, nothing left', () => {
  const r = fix(POD);
  assert.equal(r.output, POD + FIXED_TAIL);
  assert.equal(r.passes, 2);
  assert.deepEqual(r.objects[0]!.remaining, []);
  assert.deepEqual(r.errors, []);
});

test('a byte order mark stays; CRLF without a final line break gets exactly one', () => {
  assert.equal(fix(`\ufeff${POD}`).output, `\ufeff${POD}${FIXED_TAIL}`);
  const crlf = POD.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
  assert.equal(fix(crlf).output, `${crlf}\r\n${FIXED_TAIL.replace(/\n/g, '\r\n')}`);
});

test('document markers and their comments stay; each document is fixed at its own place', () => {
  const text = `--- # one\n${POD}...\n--- # two\n${POD.replace('name: p', 'name: q')}`;
  const r = fix(text);
  assert.equal(r.output, `--- # one\n${POD}${FIXED_TAIL}...\n--- # two\n${POD.replace('name: p', 'name: q')}${FIXED_TAIL}`);
});

test('a broken document is reported and left byte for byte; the others are fixed', () => {
  const broken = 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n';
  const r = fix(`${broken}---\n${POD}`);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0]!.message, /invalid YAML/);
  assert.equal(r.output, `${broken}---\n${POD}${FIXED_TAIL}`);
});

test('a document that repeats a key is judged as kubectl reads it (last wins) but not edited', () => {
  const repeated =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: r}\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      privileged: false\n      privileged: true\n';
  const r = fix(`${repeated}---\n${POD}`);
  assert.deepEqual(r.errors, []);
  assert.equal(r.output, `${repeated}---\n${POD}${FIXED_TAIL}`);
  const left = r.objects[0]!.remaining;
  assert.ok(
    left.some((f) => f.violation.check === 'privileged'),
    'the last privileged: true counts',
  );
  assert.match(JSON.stringify(left), /repeats a key/);
});

test('minified JSON stays minified', () => {
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'm' }, spec: { containers: [{ name: 'm', image: 'x' }] } });
  const out = fixSource(json, 'f.json', SETTINGS, { unsafe: true }).output;
  assert.equal(
    out,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'm' },
      spec: {
        containers: [{ name: 'm', image: 'x', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      },
    }),
  );
});

test('objects with nothing to fix, and non-pod objects, leave the text identical', () => {
  const text = '# config\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}\n';
  const r = fix(text);
  assert.equal(r.output, text);
  assert.equal(r.passes, 0);
  assert.deepEqual(r.objects, []);
});

test('what sits behind a YAML alias is not edited, and is reported as not fixed, with why', () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n  containers:\n  - name: a\n    securityContext: &sc {capabilities: {drop: [ALL]}}\n  - name: b\n    securityContext: *sc\n';
  const r = fix(text);
  assert.equal(r.output, text);
  const left = r.objects[0]!.remaining;
  assert.deepEqual(
    left.map((x) => x.violation.check),
    ['allowPrivilegeEscalation'],
  );
  assert.deepEqual(left[0]!.why, [
    {
      kind: 'not-applied',
      reasons: [
        'cannot edit spec.containers[0].securityContext.allowPrivilegeEscalation: it is inside a YAML anchor (&sc) shared with other places',
        'cannot edit spec.containers[1].securityContext.allowPrivilegeEscalation: it is written through a YAML alias (*sc), shared with other places',
      ],
    },
  ]);
});

test('a restricted pod that selects Windows nodes is left alone: nothing to fix, one pass, no phantom fixes', () => {
  // Issue 11, item 8: the Windows-only fix removed its Linux hardening and the standard's fixes
  // put it back, ten passes in a row, reporting ten fixes for a file that did not change.
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  nodeSelector:\n    kubernetes.io/os: windows\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n' +
    '    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: c\n    image: x\n    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n';
  const settings = { profile: { level: 'restricted', version: 'latest' }, policies: builtinPolicies().forPreset('strict') } as const;
  const r = fixSource(text, 'f.yaml', { base: settings, settingsFor: () => settings }, { unsafe: false });
  assert.equal(r.output, text);
  assert.equal(r.passes, 0);
  assert.deepEqual(r.objects[0]!.applied, []);
});
