#!/usr/bin/env node
'use strict';
// Measures `podguard fix` against the upstream Pod Security Admission fixtures and the examples:
//   1. every fail fixture at the newest version, fixed with --unsafe, then scanned at its level:
//      what is left must be only violations the fixer reports as having no automatic fix;
//   2. every pass fixture, and every example with nothing to fix, comes out of fix --write
//      byte-identical; a second run over the fixed examples changes nothing;
//   3. the same fail fixtures rewritten as other shapes (a Deployment, a CronJob, a List, JSON,
//      several documents in one file) are fixed just as well.
// Usage: node scripts/fix-conformance.js [--conformance DIR] [--cli "node bin/podguard.js"] [--json]
// Exits 1 when a measurement fails, 0 otherwise; prints the figures. Needs `npm run build` first.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repo = path.join(__dirname, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const conformance = path.resolve(opt('--conformance', path.join(repo, '..', 'shared', 'conformance')));
const cli = opt('--cli', `${process.execPath} ${path.join(repo, 'bin', 'podguard.js')}`).split(' ');
const asJson = args.includes('--json');

function podguard(argv) {
  const p = spawnSync(cli[0], [...cli.slice(1), ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  if (p.status === 2 || p.status === null || p.status > 2) throw new Error(`podguard ${argv.join(' ')} failed (exit ${p.status}):\n${p.stderr}`);
  return p;
}

function json(argv) {
  return JSON.parse(podguard([...argv, '--format', 'json']).stdout);
}

function copyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) copyTree(path.join(from, e.name), path.join(to, e.name));
    else fs.copyFileSync(path.join(from, e.name), path.join(to, e.name));
  }
}

function filesUnder(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

function newestVersion(levelDir) {
  return fs
    .readdirSync(levelDir)
    .filter((v) => /^v1\.\d+$/.test(v))
    .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)))
    .pop();
}

/** Fixes `dir` in place with `flags`, scans it, and sorts what is left into justified (no automatic fix) and not. */
function fixAndScan(dir, level, version, flags) {
  const report = json(['fix', '--write', '--unsafe', '--level', level, '--version', version, ...flags, dir]);
  const scan = json(['scan', '--level', level, '--version', version, ...flags, dir]);
  const why = new Map();
  for (const f of report.files) for (const o of f.objects) for (const r of o.remaining) why.set(`${f.file}|${o.source.document}|${r.check}`, r.why);
  const left = [];
  for (const r of scan.results) {
    for (const v of r.violations) {
      if (v.exception && v.exception.status === 'applied') continue;
      const reasons = why.get(`${r.source.file}|${r.source.document}|${v.check}`) || [];
      const manual = reasons.filter((w) => w.kind === 'manual').flatMap((w) => w.reasons);
      left.push({
        file: path.relative(dir, r.source.file),
        check: v.check,
        justified: manual.length > 0 && reasons.every((w) => w.kind === 'manual'),
        reasons: manual,
      });
    }
  }
  return { report, scan, left };
}

/** The fixture rewritten as another shape that holds the same pod. */
const yaml = require(path.join(repo, 'node_modules', 'js-yaml'));
const VARIANTS = {
  deployment: (pod) =>
    yaml.dump({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: pod.metadata.name },
      spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' }, ...pod.metadata }, spec: pod.spec } },
    }),
  cronjob: (pod) =>
    yaml.dump(
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: pod.metadata.name },
        spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { metadata: pod.metadata, spec: pod.spec } } } },
      },
      { indent: 4, noArrayIndent: true },
    ),
  list: (pod) => yaml.dump({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, pod] }),
  json: (pod) => `${JSON.stringify(pod, null, 2)}\n`,
  'json-tabs': (pod) => JSON.stringify(pod, null, '\t'),
  'multi-document\r\n': (pod) =>
    `# first\r\n---\r\n${yaml.dump({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } })}--- # the pod\r\n${yaml.dump(pod, { flowLevel: 3 })}`.replace(
      /\r?\n/g,
      '\r\n',
    ),
};

function main() {
  if (!fs.existsSync(path.join(conformance, 'pss'))) {
    console.error(`no conformance fixtures at ${conformance}/pss: nothing measured`);
    return 0;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-fix-conformance-'));
  const out = { fail: {}, pass: {}, examples: {}, variants: {} };
  let ok = true;
  try {
    for (const level of ['baseline', 'restricted']) {
      const version = newestVersion(path.join(conformance, 'pss', level));
      // 1. fail fixtures, with the standard alone and with the default preset's policies too
      for (const [preset, flags] of [
        ['pss', ['--preset', 'pss']],
        ['default', []],
      ]) {
        const failDir = path.join(tmp, level, `fail-${preset}`);
        copyTree(path.join(conformance, 'pss', level, version, 'fail'), failDir);
        const fixtures = filesUnder(failDir).length;
        const { left } = fixAndScan(failDir, level, version, flags);
        const unjustified = left.filter((l) => !l.justified);
        const byCheck = {};
        for (const l of left.filter((x) => x.justified)) {
          const entry = (byCheck[l.check] ??= { fixtures: new Set(), reasons: new Set() });
          entry.fixtures.add(l.file);
          // One reason per kind of problem: names and volume types vary from fixture to fixture.
          for (const r of l.reasons) entry.reasons.add(r.replace(/"[^"]*"/g, '"…"').replace(/ uses \w+:/, ' uses <type>:'));
        }
        const stillFailing = new Set(left.map((l) => l.file));
        out.fail[`${level} (preset ${preset})`] = {
          version,
          fixtures,
          passAfterFix: fixtures - stillFailing.size,
          noAutomaticFix: Object.fromEntries(Object.entries(byCheck).map(([k, v]) => [k, { fixtures: v.fixtures.size, reasons: [...v.reasons] }])),
          unexpected: unjustified,
        };
        if (unjustified.length > 0) ok = false;
      }

      // 2. pass fixtures: with the standard alone nothing is to fix, so every one must come out
      //    byte-identical; with the default preset, those its policies find nothing in must too.
      const passSrc = path.join(conformance, 'pss', level, version, 'pass');
      const originals = filesUnder(passSrc);
      for (const [preset, flags] of [
        ['pss', ['--preset', 'pss']],
        ['default', []],
      ]) {
        const passDir = path.join(tmp, level, `pass-${preset}`);
        copyTree(passSrc, passDir);
        const report = json(['fix', '--write', '--unsafe', '--level', level, '--version', version, ...flags, passDir]);
        const touched = new Set(
          report.files.filter((f) => f.objects.some((o) => o.fixed.length > 0 || o.remaining.length > 0)).map((f) => path.relative(passDir, f.file)),
        );
        const clean = originals.map((f) => path.relative(passSrc, f)).filter((f) => !touched.has(f));
        const changed = clean.filter((f) => !fs.readFileSync(path.join(passSrc, f)).equals(fs.readFileSync(path.join(passDir, f))));
        const byPolicy = {};
        for (const f of report.files) for (const o of f.objects) for (const x of o.fixed) byPolicy[x.check] = (byPolicy[x.check] || 0) + 1;
        out.pass[`${level} (preset ${preset})`] = {
          fixtures: originals.length,
          nothingToFix: clean.length,
          identical: clean.length - changed.length,
          changed,
          fixedBy: byPolicy,
        };
        if (changed.length > 0 || (preset === 'pss' && clean.length !== originals.length)) ok = false;
      }

      // 3. variants of the fail fixtures
      const variantDir = path.join(tmp, level, 'variants');
      fs.mkdirSync(variantDir, { recursive: true });
      const failFixtures = filesUnder(path.join(conformance, 'pss', level, version, 'fail'));
      for (const [name, make] of Object.entries(VARIANTS)) {
        const dir = path.join(variantDir, name.trim().replace(/\W+/g, '-'));
        fs.mkdirSync(dir);
        for (const f of failFixtures) {
          const pod = yaml.load(fs.readFileSync(f, 'utf8'));
          fs.writeFileSync(path.join(dir, path.basename(f, '.yaml') + (name.startsWith('json') ? '.json' : '.yaml')), make(pod));
        }
      }
      const variants = fixAndScan(variantDir, level, version, ['--preset', 'pss']);
      const variantUnjustified = variants.left.filter((l) => !l.justified);
      const errors = variants.report.errors;
      out.variants[level] = {
        files: Object.keys(VARIANTS).length * failFixtures.length,
        stillFailing: new Set(variants.left.map((l) => l.file)).size,
        unexpected: variantUnjustified,
        errors,
      };
      if (variantUnjustified.length > 0 || errors.length > 0) ok = false;
    }

    // 4. examples: hardened ones unchanged, every one stable on a second run
    const exDir = path.join(tmp, 'examples');
    copyTree(path.join(repo, 'examples'), exDir);
    const before = new Map(filesUnder(exDir).map((f) => [f, fs.readFileSync(f)]));
    const first = json(['fix', '--write', exDir]);
    const toFix = new Set(first.files.filter((f) => f.objects.some((o) => o.fixed.length > 0 || o.remaining.length > 0)).map((f) => f.file));
    const nothingToFix = [...before.keys()].filter((f) => !toFix.has(f));
    const alteredClean = nothingToFix.filter((f) => !before.get(f).equals(fs.readFileSync(f)));
    json(['fix', '--write', '--unsafe', exDir]);
    const afterUnsafe = new Map(filesUnder(exDir).map((f) => [f, fs.readFileSync(f)]));
    json(['fix', '--write', '--unsafe', exDir]);
    const unstable = [...afterUnsafe.keys()].filter((f) => !afterUnsafe.get(f).equals(fs.readFileSync(f)));
    out.examples = {
      files: before.size,
      nothingToFix: nothingToFix.length,
      identical: nothingToFix.length - alteredClean.length,
      altered: alteredClean.map((f) => path.relative(exDir, f)),
      fixed: toFix.size,
      changedBySecondRun: unstable.map((f) => path.relative(exDir, f)),
    };
    if (alteredClean.length > 0 || unstable.length > 0) ok = false;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  if (asJson) {
    console.log(JSON.stringify({ ok, ...out }, null, 2));
    return ok ? 0 : 1;
  }
  for (const [level, r] of Object.entries(out.fail)) {
    console.log(
      `${level} ${r.version} fail fixtures: ${r.passAfterFix}/${r.fixtures} pass after fix --unsafe; ${r.unexpected.length} unexpected violations left`,
    );
    for (const [check, v] of Object.entries(r.noAutomaticFix)) console.log(`  no automatic fix: ${check} (${v.fixtures} fixtures): ${v.reasons.join(' | ')}`);
    for (const u of r.unexpected) console.log(`  UNEXPECTED: ${u.file}: ${u.check}`);
  }
  for (const [level, r] of Object.entries(out.pass)) {
    const fixed = Object.entries(r.fixedBy)
      .map(([k, v]) => `${k} ×${v}`)
      .join(', ');
    console.log(
      `${level} pass fixtures: ${r.identical}/${r.nothingToFix} with nothing to fix byte-identical after fix --write --unsafe` +
        (r.nothingToFix < r.fixtures ? `; ${r.fixtures - r.nothingToFix} fixed by hardening policies (${fixed})` : ''),
    );
    for (const c of r.changed) console.log(`  CHANGED: ${c}`);
  }
  for (const [level, r] of Object.entries(out.variants)) {
    console.log(
      `${level} variants (Deployment, CronJob, List, JSON, tab-indented JSON, CRLF multi-document): ${r.files} files, ${r.stillFailing} still failing, ${r.unexpected.length} unexpected, ${r.errors.length} errors`,
    );
    for (const u of r.unexpected) console.log(`  UNEXPECTED: ${u.file}: ${u.check}`);
    for (const e of r.errors) console.log(`  ERROR: ${e.file}: ${e.message}`);
  }
  const e = out.examples;
  console.log(
    `examples: ${e.identical}/${e.nothingToFix} with nothing to fix byte-identical; ${e.fixed} fixed; ${e.changedBySecondRun.length} changed by a second run`,
  );
  for (const a of e.altered) console.log(`  ALTERED: ${a}`);
  for (const a of e.changedBySecondRun) console.log(`  NOT STABLE: ${a}`);
  console.log(ok ? 'OK' : 'FAILED');
  return ok ? 0 : 1;
}

process.exitCode = main();
