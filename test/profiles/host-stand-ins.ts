// Stand-ins for what a test machine's kernel cannot do (load AppArmor profiles, install SELinux
// modules), plugged into the agent's real AppArmor and SELinux loaders through their `run`
// option: "loading" compiles with the real apparmor_parser -Q -K (or secilc) and, only when that
// succeeds, records the profile where the loader looks for loaded ones. So a profile that does
// not compile is never reported loaded, exactly as on a node.

import fs from 'node:fs';
import path from 'node:path';
import type { RunProgram } from '../../src/profiles/agent/loaders';
import { MINIMAL_CIL_BASE } from '../../src/profiles/selinux/check-selinux';
import { runTool } from '../../src/sources/run-tool';

/** A fake securityfs: `profiles` lists loaded profiles as the kernel does (`NAME (enforce)`). */
export function fakeAppArmorKernel(dir: string): { profilesFile: string; run: RunProgram } {
  fs.mkdirSync(dir, { recursive: true });
  const profilesFile = path.join(dir, 'profiles');
  fs.writeFileSync(profilesFile, '');
  return {
    profilesFile,
    run: async (parser, args) => {
      const file = args[args.length - 1]!;
      if (!args.includes('-r')) return { ok: false, message: `unexpected apparmor_parser ${args.join(' ')}` };
      const compiled = await runTool(parser, ['-Q', '-K', file]);
      if (!compiled.ok) return compiled;
      const names = await runTool(parser, ['-N', file]);
      if (!names.ok) return names;
      const loaded = new Set(fs.readFileSync(profilesFile, 'utf8').split('\n').filter(Boolean));
      for (const n of names.stdout.split('\n').filter(Boolean)) loaded.add(`${n} (enforce)`);
      fs.writeFileSync(profilesFile, [...loaded].join('\n') + '\n');
      return { ok: true, stdout: '' };
    },
  };
}

/** A fake semodule over a folder of installed modules; -i compiles with the real secilc first. */
export function fakeSemodule(dir: string, secilc: string): { selinuxfs: string; run: RunProgram } {
  const selinuxfs = path.join(dir, 'selinuxfs');
  const modules = path.join(dir, 'modules');
  fs.mkdirSync(selinuxfs, { recursive: true });
  fs.mkdirSync(modules, { recursive: true });
  fs.writeFileSync(path.join(selinuxfs, 'enforce'), '1');
  const base = path.join(dir, 'base.cil');
  fs.writeFileSync(base, MINIMAL_CIL_BASE);
  return {
    selinuxfs,
    run: async (_semodule, args) => {
      if (args[0] === '-l') return { ok: true, stdout: fs.readdirSync(modules).join('\n') + '\n' };
      if (args[0] === '-r') {
        fs.rmSync(path.join(modules, args[1]!), { force: true });
        return { ok: true, stdout: '' };
      }
      if (args[0] !== '-i') return { ok: false, message: `unexpected semodule ${args.join(' ')}` };
      const file = args[1]!;
      const out = fs.mkdtempSync(path.join(dir, 'secilc-'));
      const r = await runTool(secilc, ['-o', path.join(out, 'policy'), '-f', path.join(out, 'fc'), base, file]);
      fs.rmSync(out, { recursive: true, force: true });
      if (!r.ok) return r;
      fs.writeFileSync(path.join(modules, path.basename(file, '.cil')), fs.readFileSync(file));
      return { ok: true, stdout: '' };
    },
  };
}
