// Finds the profile compilers Debian installs (apparmor_parser in /usr/sbin, secilc and semodule
// in /usr/bin or /usr/sbin): on PATH first, then those folders, which a non-root user's PATH
// often lacks. Nothing is run to find them.

import path from 'node:path';
import { findTool } from '../sources/find-tool';

const SYSTEM_DIRS = ['/usr/sbin', '/sbin', '/usr/bin'];

export function hostTool(name: string, configured?: string): string | undefined {
  const found = findTool(configured, [name]);
  if (found !== undefined || configured !== undefined) return found;
  for (const dir of SYSTEM_DIRS) {
    const candidate = findTool(path.join(dir, name), []);
    if (candidate !== undefined) return candidate;
  }
  return undefined;
}
