// How the agent puts one kind of profile on its node and proves it is there. One interface, one
// implementation per kind; the host-specific ones (AppArmor, SELinux) run programs and read
// kernel files whose paths are injectable, so tests run them against stand-ins while seccomp is
// exercised for real against a temporary kubelet root.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write';
import { runTool, type ToolRun } from '../../sources/run-tool';
import type { BundleEntry } from '../bundle-index';
import type { ProfileKind } from '../finding';

export interface ProfileLoader {
  readonly kind: ProfileKind;
  /** undefined when this node can hold the kind, else why not (no AppArmor in the kernel, …). */
  unavailable(): Promise<string | undefined>;
  /** Installs (or replaces) the profile from its file. Throws with a readable message on failure. */
  install(entry: BundleEntry, file: string): Promise<void>;
  /** Whether the node really has this profile, as the runtime will look it up. */
  verify(entry: BundleEntry): Promise<boolean>;
  /** Removes a profile the agent installed before and the bundle no longer has. */
  remove(entry: BundleEntry): Promise<void>;
}

export type RunProgram = (file: string, args: readonly string[]) => Promise<ToolRun>;

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/**
 * Seccomp: the kubelet resolves `localhostProfile` against `<root-dir>/seccomp/` (kubelet
 * pkg/kubelet/kuberuntime/helpers.go fieldProfile: filepath.Join(profileRootPath, *localhostProfile)),
 * so the file is written there, atomically, and verified by reading it back.
 */
export function seccompLoader(kubeletRoot: string): ProfileLoader {
  const root = path.join(kubeletRoot, 'seccomp');
  const fileOf = (entry: BundleEntry) => {
    const target = path.join(root, ...entry.name.split('/'));
    if (!target.startsWith(root + path.sep)) throw new Error(`seccomp profile ${entry.name} would be written outside ${root}`);
    return target;
  };
  return {
    kind: 'seccomp',
    async unavailable() {
      return fs.existsSync(kubeletRoot) ? undefined : `the kubelet root ${kubeletRoot} does not exist on this node`;
    },
    async install(entry, file) {
      const target = fileOf(entry);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      writeFileAtomic(target, fs.readFileSync(file), { mode: 0o644 });
    },
    async verify(entry) {
      try {
        return sha256(fs.readFileSync(fileOf(entry))) === entry.digest;
      } catch {
        return false;
      }
    },
    async remove(entry) {
      fs.rmSync(fileOf(entry), { force: true });
    },
  };
}

export interface AppArmorOptions {
  readonly parser: string;
  /** The kernel's list of loaded profiles, `NAME (mode)` per line. */
  readonly profilesFile?: string;
  readonly run?: RunProgram;
}

/** AppArmor: `apparmor_parser -r` loads or replaces; the kernel's profile list proves it. */
export function apparmorLoader(options: AppArmorOptions): ProfileLoader {
  const profilesFile = options.profilesFile ?? '/sys/kernel/security/apparmor/profiles';
  const run = options.run ?? runTool;
  const loaded = (): Set<string> => {
    const names = new Set<string>();
    for (const line of fs.readFileSync(profilesFile, 'utf8').split('\n')) {
      const paren = line.lastIndexOf(' (');
      if (paren > 0) names.add(line.slice(0, paren));
    }
    return names;
  };
  return {
    kind: 'apparmor',
    async unavailable() {
      return fs.existsSync(profilesFile) ? undefined : `AppArmor is not enabled on this node (${profilesFile} is missing)`;
    },
    async install(_entry, file) {
      const r = await run(options.parser, ['-r', '-K', file]);
      if (!r.ok) throw new Error(`apparmor_parser -r ${file}: ${r.message}`);
    },
    async verify(entry) {
      try {
        return loaded().has(entry.name);
      } catch {
        return false;
      }
    },
    async remove(entry) {
      // -R needs the profile's text; the name alone is enough through the kernel's .remove file.
      const removeFile = path.join(path.dirname(profilesFile), '.remove');
      fs.writeFileSync(removeFile, entry.name);
    },
  };
}

export interface SelinuxOptions {
  readonly semodule: string;
  readonly run?: RunProgram;
  /** Where to find whether SELinux is on (`/sys/fs/selinux/enforce`). */
  readonly selinuxfs?: string;
}

/** The module name semodule gives a CIL file: its base name without `.cil`. */
export function moduleName(key: string): string {
  return key.replace(/\.cil$/, '');
}

/** SELinux: `semodule -i` installs the CIL module; `semodule -l` lists it once it is in the policy. */
export function selinuxLoader(options: SelinuxOptions): ProfileLoader {
  const run = options.run ?? runTool;
  const selinuxfs = options.selinuxfs ?? '/sys/fs/selinux';
  return {
    kind: 'selinux',
    async unavailable() {
      return fs.existsSync(path.join(selinuxfs, 'enforce')) ? undefined : `SELinux is not enabled on this node (${selinuxfs} is missing)`;
    },
    async install(entry, file) {
      // semodule names the module after the file, so install a copy named by the ConfigMap key.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podguard-semodule-'));
      try {
        const named = path.join(dir, `${moduleName(entry.key)}.cil`);
        fs.copyFileSync(file, named);
        const r = await run(options.semodule, ['-i', named]);
        if (!r.ok) throw new Error(`semodule -i ${entry.key}: ${r.message}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    async verify(entry) {
      const r = await run(options.semodule, ['-l']);
      return r.ok && r.stdout.split('\n').some((l) => l.trim().split(/\s/)[0] === moduleName(entry.key));
    },
    async remove(entry) {
      await run(options.semodule, ['-r', moduleName(entry.key)]);
    },
  };
}
