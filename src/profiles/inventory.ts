// The inventory `profiles:` in podguard.yaml names: which Localhost profiles nodes will have.
// Either a bundle (its folder, or its files/index.json) or a profiles folder as
// `podguard profiles check` reads it. Read synchronously once, before the settings are built,
// and handed to the localhost-profile-missing policy as data.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedSettings } from '../config/load';
import { localhostProfileMissingFor } from '../policies/catalogue/localhost-profile-missing';
import type { ProfileInventory } from '../policies/localhost-profiles';
import type { PolicyRegistry } from '../policies/registry';
import { BundleIndexError, INDEX_FILE, readBundleIndex } from './bundle-index';
import { hostTool } from './host-tools';
import { filesOf, kindOf, seccompReference } from './profile-set';
import { cilTypes } from './selinux/cil-types';

export class InventoryError extends Error {}

function fromIndex(file: string, source: string): ProfileInventory {
  const sets = { seccomp: new Set<string>(), apparmor: new Set<string>(), selinux: new Set<string>() };
  for (const p of readBundleIndex(file).profiles) sets[p.kind].add(p.name);
  return { configured: true, source, ...sets };
}

export function readInventory(where: string): ProfileInventory {
  if (!fs.existsSync(where)) throw new InventoryError(`profiles: ${where} does not exist`);
  const source = where;
  try {
    if (fs.statSync(where).isFile()) return fromIndex(where, source);
    for (const candidate of [path.join(where, 'files', INDEX_FILE), path.join(where, INDEX_FILE)])
      if (fs.existsSync(candidate)) return fromIndex(candidate, source);
  } catch (e) {
    throw new InventoryError(`profiles: ${(e as Error).message}`);
  }
  const sets = { seccomp: new Set<string>(), apparmor: new Set<string>(), selinux: new Set<string>() };
  const parser = hostTool('apparmor_parser');
  for (const { file, relative } of filesOf([where])) {
    const kind = kindOf(relative);
    if (kind === 'seccomp') sets.seccomp.add(seccompReference(relative));
    else if (kind === 'selinux') for (const t of cilTypes(fs.readFileSync(file, 'utf8'))) sets.selinux.add(t);
    else {
      // Pods name AppArmor profiles by their declared names, which only the parser reads reliably.
      if (parser === undefined)
        throw new InventoryError(
          `profiles: ${file} is an AppArmor profile, and reading its profile names needs apparmor_parser (Debian: apt-get install apparmor)`,
        );
      let out: string;
      try {
        out = execFileSync(parser, ['-N', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
      } catch (e) {
        throw new InventoryError(
          `profiles: apparmor_parser cannot read ${file}: ${String((e as { stderr?: string }).stderr ?? e)
            .trim()
            .split('\n')
            .pop()}`,
        );
      }
      for (const n of out.split('\n').map((l) => l.trim())) if (n) sets.apparmor.add(n);
    }
  }
  return { configured: true, source, ...sets };
}

/**
 * The registry settings should be loaded with when podguard.yaml names `profiles:`: the
 * catalogue with localhost-profile-missing given the inventory. Undefined when none is named.
 * Throws InventoryError (one line naming the file) when the inventory cannot be read.
 */
export function registryWithInventory(loaded: Pick<LoadedSettings, 'inputs' | 'registry' | 'configFile'>): PolicyRegistry | undefined {
  if (loaded.inputs.profiles === undefined) return undefined;
  try {
    return loaded.registry.replacing([localhostProfileMissingFor(readInventory(loaded.inputs.profiles))]);
  } catch (e) {
    if (e instanceof InventoryError || e instanceof BundleIndexError) throw new InventoryError(`${loaded.configFile ?? 'podguard.yaml'}: ${e.message}`);
    throw e;
  }
}
