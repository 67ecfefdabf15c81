// The Debian packages the profile tests compile with (apparmor's apparmor_parser, secilc): found
// on the machine, else installed with apt-get when the test runs as root, else the test skips and
// says why. Installation is tried once per process.

import { spawnSync } from 'node:child_process';
import { hostTool } from '../../src/profiles/host-tools';

const tried = new Map<string, string | false>();

function aptInstall(pkg: string): string | undefined {
  if (process.getuid?.() !== 0) return 'not root, so apt-get cannot install it';
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', pkg], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  let r = install();
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { encoding: 'utf8' });
    r = install();
  }
  return r.status === 0 ? undefined : `apt-get install ${pkg} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`;
}

/** false when `tool` (from Debian package `pkg`) can be run, else why the test skips. */
export function needsHostTool(tool: string, pkg: string): string | false {
  const known = tried.get(tool);
  if (known !== undefined) return known;
  let reason: string | false = false;
  if (hostTool(tool) === undefined) {
    const failed = aptInstall(pkg);
    reason = hostTool(tool) !== undefined ? false : `${tool} is not installed and could not be: ${failed ?? 'installed, yet not found'}`;
  }
  tried.set(tool, reason);
  return reason;
}
