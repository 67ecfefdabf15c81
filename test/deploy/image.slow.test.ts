// The image `npm run image` builds (scripts/build-image.sh), run as a container runtime would run
// it (see oci-image.ts): what it is made of, `podguard --version`, and `podguard serve` answering
// AdmissionReviews over HTTPS on 127.0.0.1 as user 65532 on a read-only root filesystem, with its
// certificates and namespaces mounted read-only as Kubernetes mounts a Secret.

import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { baselinePod, LABEL, namespaceObject, podCreate, privilegedPod } from '../admission/fixtures';
import { admit, request, writeClusterFile } from '../admission/support';
import { tempDir } from '../support/temp-dir';
import { podguard, REPO } from '../support/cli';
import { cannotRunImage, readImage, runImage, runImageToEnd, stopImage, unpack, type ImageConfig } from './oci-image';

const skip = cannotRunImage();
const VERSION = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('the podguard image', { skip }, () => {
  let rootfs: string;
  let config: ImageConfig;
  let manifest: any;

  before(() => {
    const image = readImage();
    config = image.config;
    manifest = image.manifest;
    rootfs = unpack(image.tag, tempDir('podguard-image-'));
  });

  test('runs as the numeric non-root user 65532, entrypoint node podguard, port 8443, labelled with its version', () => {
    assert.equal(config.User, '65532:65532');
    assert.deepEqual(config.Entrypoint, ['/usr/bin/node', '/app/bin/podguard.js']);
    assert.deepEqual(Object.keys(config.ExposedPorts ?? {}), ['8443/tcp']);
    assert.equal(config.Labels?.['org.opencontainers.image.version'], VERSION);
    assert.equal(manifest.layers.length, 2, 'a runtime layer and an application layer');
  });

  test('holds no shell and no package manager; the Debian packages are listed for scanners', () => {
    for (const program of ['sh', 'bash', 'dash', 'busybox', 'apt', 'apt-get', 'dpkg', 'npm', 'su']) {
      for (const dir of ['usr/bin', 'usr/sbin']) assert.equal(fs.existsSync(path.join(rootfs, dir, program)), false, `/${dir}/${program}`);
    }
    const status = fs.readFileSync(path.join(rootfs, 'var/lib/dpkg/status'), 'utf8');
    const packages = [...status.matchAll(/^Package: (\S+)$/gm)].map((m) => m[1]);
    assert.ok(packages.includes('nodejs') && packages.includes('libc6'), packages.join(' '));
    // The application is the npm package: the CLI and compiled sources, no tests.
    assert.ok(fs.existsSync(path.join(rootfs, 'app/dist/src/cli/main.js')));
    assert.equal(fs.existsSync(path.join(rootfs, 'app/dist/test')), false);
    assert.equal(fs.existsSync(path.join(rootfs, 'app/node_modules/typescript')), false, 'no dev dependencies');
    assert.equal(fs.statSync(path.join(rootfs, 'app/bin/podguard.js')).uid, 0, 'the process user cannot change its own code');
  });

  test('podguard --version', async () => {
    const r = await runImageToEnd(rootfs, config, ['--version']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), `podguard ${VERSION}`);
  });

  test('the root filesystem is read-only and the process is user 65532', async () => {
    // `podguard` has no command that writes where it is told: run node itself for this one check.
    const script = 'const fs=require("fs");let e;try{fs.writeFileSync("/app/x","")}catch(x){e=x.code}console.log(process.getuid(),process.getgid(),e)';
    const r = await runImageToEnd(rootfs, { ...config, Entrypoint: ['/usr/bin/node', '-e', script] }, []);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), '65532 65532 EROFS');
  });

  describe('podguard serve', () => {
    let server: ChildProcess;
    let port: number;
    let ca: string;
    let stderr = '';

    before(async () => {
      const dir = tempDir('podguard-image-serve-');
      const tls = path.join(dir, 'tls');
      const certs = podguard(['certs', '--out', tls]);
      assert.equal(certs.code, 0, certs.stderr);
      ca = fs.readFileSync(path.join(tls, 'ca.crt'), 'utf8');
      const data = path.join(dir, 'data');
      fs.mkdirSync(data);
      writeClusterFile(data, [namespaceObject('team-a', { [LABEL.enforce]: 'baseline', [LABEL.warn]: 'restricted' })], 'namespaces.yaml');
      // As a Secret volume with fsGroup 65532 would: readable by the image's user, not writable.
      for (const d of [tls, data]) {
        fs.chmodSync(d, 0o750);
        for (const f of fs.readdirSync(d)) {
          fs.chownSync(path.join(d, f), 0, 65532);
          fs.chmodSync(path.join(d, f), 0o440);
        }
        fs.chownSync(d, 0, 65532);
      }
      port = await freePort();
      server = runImage(rootfs, config, [
        'serve', `--listen=127.0.0.1:${port}`, '--tls-cert=/etc/podguard/tls/tls.crt', '--tls-key=/etc/podguard/tls/tls.key',
        '--namespaces=/etc/podguard/data/namespaces.yaml', '--log-level=warn',
      ], { mounts: { [tls]: '/etc/podguard/tls', [data]: '/etc/podguard/data' } });
      server.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (server.exitCode !== null) throw new Error(`podguard serve in the image exited ${server.exitCode}: ${stderr}`);
        const ready = await request(port, ca, '/readyz').then((r) => r.status === 200, () => false);
        if (ready) break;
        if (Date.now() > deadline) throw new Error(`podguard serve in the image was not ready after 30s: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    });

    after(async () => {
      if (server) await stopImage(server);
    });

    test('answers an AdmissionReview: a pod within baseline is allowed with restricted warnings', async () => {
      const review = podCreate(baselinePod('web', 'team-a'));
      const reply = await admit(port, ca, review);
      assert.equal(reply.kind, 'AdmissionReview');
      assert.equal(reply.response.uid, (review['request'] as { uid: string }).uid);
      assert.equal(reply.response.allowed, true);
      assert.match(reply.response.warnings?.[0] ?? '', /^would violate PodSecurity "restricted:latest": /);
    });

    test('denies a privileged pod with Pod Security Admission\'s message', async () => {
      const review = podCreate(privilegedPod('root', 'team-a'));
      const reply = await admit(port, ca, review);
      assert.equal(reply.response.uid, (review['request'] as { uid: string }).uid);
      assert.equal(reply.response.allowed, false);
      assert.equal(reply.response.status?.code, 403);
      assert.match(reply.response.status?.message ?? '', /^pods "root" is forbidden: violates PodSecurity "baseline:latest": privileged \(container "[^"]+" must not set securityContext\.privileged=true\)/);
    });

    test('listens on 127.0.0.1 only, as it was told', async () => {
      const other = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: '127.0.0.2', port }, () => (s.destroy(), resolve(true)));
        s.on('error', () => resolve(false));
      });
      assert.equal(other, false);
    });

    test('drains and exits 0 on SIGTERM, as the kubelet stops it', async () => {
      assert.equal(await stopImage(server), 0, stderr);
    });
  });
});
