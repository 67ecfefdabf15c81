// The two ways to build the image (Dockerfile, scripts/build-image.sh) and the two ways to run it
// (charts/podguard, deploy/) agree on what the pod depends on: the numeric user, the port, an
// entrypoint that takes podguard's arguments, and a runtime stage that needs no shell.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import yaml from 'js-yaml';
import { REPO } from '../support/cli';

const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');

/** The instructions of the Dockerfile's last stage (from its last FROM), continuation lines joined. */
function runtimeStage(): string[] {
  const lines = read('Dockerfile').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const from = lines.map((l) => l.startsWith('FROM ')).lastIndexOf(true);
  return lines.slice(from);
}

test('the Dockerfile runtime stage: user 65532, port 8443, entrypoint podguard, no RUN (no shell there)', () => {
  const stage = runtimeStage();
  assert.ok(stage.includes('USER 65532:65532'), stage.join('\n'));
  assert.ok(stage.includes('EXPOSE 8443'));
  assert.equal(stage.filter((l) => /^RUN\b/.test(l)).length, 0);
  const entrypoint = JSON.parse(stage.find((l) => l.startsWith('ENTRYPOINT '))!.slice('ENTRYPOINT '.length)) as string[];
  assert.equal(entrypoint.at(-1), '/app/bin/podguard.js');
});

test('scripts/build-image.sh builds the same user, port and entrypoint', () => {
  const script = read('scripts/build-image.sh');
  assert.match(script, /^UID_GID=65532$/m);
  assert.match(script, /--config\.user "\$UID_GID:\$UID_GID"/);
  assert.match(script, /--config\.exposedports 8443\/tcp/);
  assert.match(script, /--config\.entrypoint \/usr\/bin\/node --config\.entrypoint \/app\/bin\/podguard\.js/);
});

test('deploy/ and the chart run the image as that user on that port, passing only arguments', () => {
  const deployment = yaml.load(read('deploy/deployment.yaml')) as any;  
  const pod = deployment.spec.template.spec;
  assert.equal(pod.securityContext.runAsUser, 65532);
  assert.equal(pod.securityContext.runAsGroup, 65532);
  assert.equal(pod.containers[0].ports[0].containerPort, 8443);
  assert.equal(pod.containers[0].command, undefined, 'the image\'s entrypoint runs');
  assert.equal(pod.containers[0].args[0], 'serve');
  const chart = read('charts/podguard/templates/deployment.yaml');
  assert.match(chart, /^ {8}runAsUser: 65532$/m);
  assert.match(chart, /^ {8}runAsGroup: 65532$/m);
  assert.match(chart, /^ {14}containerPort: 8443$/m);
  assert.doesNotMatch(chart, /^ {10}command:/m);
});
