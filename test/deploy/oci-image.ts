// The image `npm run image` builds, read and run the way a container runtime would, without one:
// the image configuration from the OCI layout (entrypoint, user, working directory, environment),
// the root filesystem unpacked by umoci, and the process started in its own mount and PID
// namespaces, chrooted into that filesystem mounted read-only, as the image's user. The network
// namespace is the host's, so a server in the image is reached on 127.0.0.1 (and binds only there).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../support/cli';

export const IMAGE_DIR = path.join(REPO, '.tools', 'image');
export const LAYOUT = path.join(IMAGE_DIR, 'oci');

/** The parts of an OCI image configuration (image-spec config.md) a runtime uses to start it. */
export interface ImageConfig {
  readonly User?: string;
  readonly Entrypoint?: string[];
  readonly Cmd?: string[];
  readonly Env?: string[];
  readonly WorkingDir?: string;
  readonly ExposedPorts?: Record<string, object>;
  readonly Labels?: Record<string, string>;
}

function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

/** false when the image can be run here, else why not. */
export function cannotRunImage(): false | string {
  if (!fs.existsSync(path.join(LAYOUT, 'index.json'))) return 'the image is not built: run "npm run image" (as root) first';
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'running the image needs Linux and root (mount and PID namespaces, chroot)';
  for (const tool of ['umoci', 'unshare', 'mount']) if (!onPath(tool)) return `${tool} is not installed (apt-get install umoci util-linux mount)`;
  return false;
}

function blob(digest: string): any {
  const [algorithm, hex] = digest.split(':');
  return JSON.parse(fs.readFileSync(path.join(LAYOUT, 'blobs', algorithm!, hex!), 'utf8'));
}

/** The tag written by the build, its manifest and its configuration. */
export function readImage(): { tag: string; manifest: any; config: ImageConfig } {
  const tag = fs.readFileSync(path.join(IMAGE_DIR, 'tag'), 'utf8').trim();
  const index = JSON.parse(fs.readFileSync(path.join(LAYOUT, 'index.json'), 'utf8'));
  const entry = index.manifests.find((m: any) => m.annotations?.['org.opencontainers.image.ref.name'] === tag);
  if (!entry) throw new Error(`the OCI layout ${LAYOUT} has no tag ${tag}`);
  const manifest = blob(entry.digest);
  return { tag, manifest, config: blob(manifest.config.digest).config as ImageConfig };
}

/** Unpacks the image's layers into dir/rootfs (umoci unpack, as root: ownership as in the layers). */
export function unpack(tag: string, dir: string): string {
  const bundle = path.join(dir, 'bundle');
  const r = spawnSync('umoci', ['unpack', '--image', `${LAYOUT}:${tag}`, bundle], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`umoci unpack failed: ${r.stderr}`);
  return path.join(bundle, 'rootfs');
}

export interface RunOptions {
  /** host directory → absolute path in the container, bound read-only (like a Secret volume) */
  readonly mounts?: Readonly<Record<string, string>>;
}

// Runs in the new namespaces as root (making mount points, as a runtime does, in the unpacked
// copy), then becomes the image's process: $1 rootfs, $2 mount
// count, then host:container pairs, then the environment, unshare's options and the command.
const SETUP = `set -e
root=$1; n=$2; shift 2
mount --bind "$root" "$root"
mount --rbind /dev "$root/dev"
mount -t proc proc "$root/proc"
while [ "$n" -gt 0 ]; do mkdir -p "$root$2"; mount --bind -o ro "$1" "$root$2"; shift 2; n=$((n - 1)); done
mount -o remount,bind,ro "$root"
exec /usr/bin/env -i "$@"`;

/** Starts the image's entrypoint with args (instead of its Cmd), as `docker run IMAGE args…` would. */
export function runImage(rootfs: string, config: ImageConfig, args: readonly string[], o: RunOptions = {}): ChildProcess {
  const [uid, gid] = (config.User ?? '0:0').split(':');
  if (!/^\d+$/.test(uid ?? '') || !/^\d+$/.test(gid ?? '')) throw new Error(`image user ${config.User} is not numeric uid:gid`);
  const mounts = Object.entries(o.mounts ?? {});
  return spawn('unshare', [
    '--mount', '--pid', '--fork', '--kill-child', '--', '/bin/sh', '-c', SETUP, 'sh', rootfs, String(mounts.length), ...mounts.flat(),
    ...(config.Env ?? []),
    '/usr/bin/unshare', `--root=${rootfs}`, `--wd=${config.WorkingDir || '/'}`, `--setuid=${uid}`, `--setgid=${gid}`, '--',
    ...(config.Entrypoint ?? []), ...args,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Sends SIGTERM to the image's process (PID 1 of its namespace; unshare itself ignores SIGTERM
 * while it waits) and resolves with its exit code; SIGKILL after timeoutMs.
 */
export function stopImage(child: ChildProcess, timeoutMs = 15_000): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    const children = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    if (children.length === 0) child.kill('SIGKILL');
    for (const pid of children) process.kill(Number(pid), 'SIGTERM');
  });
}

/** Runs the image to completion and collects its output. */
export interface ImageRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runImageToEnd(rootfs: string, config: ImageConfig, args: readonly string[], o: RunOptions = {}): Promise<ImageRun> {
  const child = runImage(rootfs, config, args, o);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}
