// Meta-tests that keep the catalogue honest: the folder and the registry array agree, every
// policy has a test beside it and a generated docs page that is up to date, ids never collide
// with the Pod Security Standards, and every field a user reads is filled in.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { BUILTIN_POLICIES as POLICIES } from '../../src/policies/catalogue';
import { HAND_WRITTEN_PAGES, renderDocs } from '../../src/policies/docs';
import { CATEGORIES } from '../../src/policies/policy';
import { PSS_SEVERITY, SEVERITIES } from '../../src/policies/severity';
import { pssRegistry } from '../../src/pss/registry';
import { REPO } from '../support/cli';

const CATALOGUE_DIR = path.join(REPO, 'src', 'policies', 'catalogue');
const DOCS_DIR = path.join(REPO, 'docs', 'policies');
const PSS_IDS = pssRegistry().checks.map((c) => c.id);

describe('policy catalogue', () => {
  test('at least 30 policies beyond the 19 PSS checks', () => {
    assert.equal(PSS_IDS.length, 19);
    assert.ok(POLICIES.length >= 30, `${POLICIES.length} policies`);
  });

  test('the folder and the registry array agree: one module per policy, named by its id, with a test beside it', () => {
    const files = fs.readdirSync(CATALOGUE_DIR);
    const modules = files
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    assert.deepEqual(modules, POLICIES.map((p) => p.id).sort());
    for (const p of POLICIES) assert.ok(files.includes(`${p.id}.test.ts`), `${p.id} has no test`);
    for (const f of files.filter((x) => x.endsWith('.test.ts'))) assert.ok(modules.includes(f.slice(0, -'.test.ts'.length)), `${f} tests no policy`);
  });

  test('each module exports its policy under the camelCase of its id', () => {
    for (const p of POLICIES) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(REPO, 'dist', 'src', 'policies', 'catalogue', `${p.id}.js`)) as Record<string, unknown>;
      const name = p.id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      assert.equal(mod[name], p, `${p.id}.ts should export ${name}`);
    }
  });

  test('ids are unique kebab-case and never a PSS id', () => {
    const ids = POLICIES.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      assert.ok(!PSS_IDS.includes(id), id);
    }
  });

  test('every policy is complete: title, severity, category, preset, rationale, remediation, references', () => {
    for (const p of POLICIES) {
      assert.ok(p.title.length > 5 && !p.title.endsWith('.'), `${p.id}: title`);
      assert.ok((SEVERITIES as readonly string[]).includes(p.severity), `${p.id}: severity`);
      assert.ok((CATEGORIES as readonly string[]).includes(p.category), `${p.id}: category`);
      assert.ok(p.preset === 'recommended' || p.preset === 'strict', `${p.id}: preset`);
      assert.ok(p.rationale.length > 80, `${p.id}: rationale`);
      assert.ok(p.remediation.length > 20, `${p.id}: remediation`);
      assert.ok(p.references.length > 0, `${p.id}: references`);
      for (const r of p.references) assert.match(r.url, /^https:\/\//, `${p.id}: reference URL`);
      for (const id of p.coveredBy ?? []) assert.ok(PSS_IDS.includes(id), `${p.id}: coveredBy ${id} is not a PSS check`);
    }
  });

  test('the catalogue covers every area the issue names', () => {
    const ids = new Set(POLICIES.map((p) => p.id));
    for (const id of [
      'run-as-non-root-unset',
      'run-as-root-user',
      'low-user-id',
      'low-group-id',
      'run-as-root-group',
      'fs-group-root',
      'supplemental-group-root',
      'privileged-container',
      'privilege-escalation-allowed',
      'capabilities-not-dropped',
      'dangerous-capabilities',
      'net-raw-kept',
      'writable-root-filesystem',
      'container-runtime-socket',
      'sensitive-host-path',
      'writable-host-path',
      'host-network',
      'host-pid',
      'host-ipc',
      'share-process-namespace',
      'seccomp-unconfined',
      'apparmor-unconfined',
      'selinux-privileged-type',
      'proc-mount-unmasked',
      'unsafe-sysctls',
      'service-account-token-mounted',
      'node-escape-privileged-host-pid',
      'node-escape-host-root-host-pid',
      'run-as-non-root-conflict',
      'privileged-port-without-capability',
      'windows-linux-only-fields',
      'windows-container-administrator',
      'windows-host-process',
    ])
      assert.ok(ids.has(id), id);
    for (const c of CATEGORIES)
      assert.ok(
        POLICIES.some((p) => p.category === c),
        c,
      );
  });

  test('critical host-path, socket and node-escape policies run at every level (never skipped for a PSS check)', () => {
    for (const p of POLICIES.filter((x) => x.category === 'node-escape' || x.id === 'container-runtime-socket' || x.id === 'sensitive-host-path')) {
      assert.equal(p.severity, 'critical', p.id);
      assert.equal(p.coveredBy, undefined, p.id);
      assert.equal(p.preset, 'recommended', p.id);
    }
  });

  test('every PSS check has a severity', () => {
    assert.deepEqual(Object.keys(PSS_SEVERITY).sort(), [...PSS_IDS].sort());
  });
});

describe('docs/policies', () => {
  test('is in sync with the catalogue (run "podguard policies docs" after changing a policy)', () => {
    const expected = renderDocs();
    const present = fs
      .readdirSync(DOCS_DIR)
      .filter((f) => !HAND_WRITTEN_PAGES.includes(f))
      .sort();
    assert.deepEqual(present, [...expected.keys()].sort(), 'pages without a policy, or policies without a page');
    for (const [name, text] of expected) assert.equal(fs.readFileSync(path.join(DOCS_DIR, name), 'utf8'), text, `${name} is stale`);
    for (const page of HAND_WRITTEN_PAGES) assert.ok(fs.existsSync(path.join(DOCS_DIR, page)), page);
  });

  test('every policy has a page that names its id, severity, rationale and remediation', () => {
    for (const p of POLICIES) {
      const page = fs.readFileSync(path.join(DOCS_DIR, `${p.id}.md`), 'utf8');
      for (const s of [p.id, p.severity, p.rationale, p.remediation]) assert.ok(page.includes(s), `${p.id}: ${s.slice(0, 30)}`);
    }
  });
});
