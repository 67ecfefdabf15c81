// One pass of the node agent: install every profile of the bundle that this node can hold,
// verify each, and bring the node's podguard labels in line with what is verified, no more:
// a label appears only after its profile is verified, and goes when the profile is removed from
// the bundle, fails to install, or stops verifying. Profiles installed earlier and gone from the
// bundle are removed from the node (the state file remembers them across restarts).

import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write';
import type { BundleEntry, BundleIndex } from '../bundle-index';
import type { ProfileKind } from '../finding';
import { LABEL_PREFIX } from '../labels';
import type { ProfileLoader } from './loaders';

export interface NodeLabels {
  /** The node's current labels. */
  get(): Promise<Readonly<Record<string, string>>>;
  /** Sets (string) or removes (null) labels; touches nothing else. */
  patch(changes: Readonly<Record<string, string | null>>): Promise<void>;
}

export interface ReconcileInput {
  readonly index: BundleIndex;
  /** Folder with one subfolder per kind holding the files by key (the ConfigMap mounts). */
  readonly profilesDir: string;
  readonly loaders: readonly ProfileLoader[];
  readonly labels: NodeLabels;
  /** JSON file listing the entries this agent installed (to remove them when they leave the bundle). */
  readonly stateFile: string;
  readonly log?: (line: string) => void;
}

export interface ReconcileResult {
  readonly verified: string[];
  readonly failed: { name: string; kind: ProfileKind; why: string }[];
  readonly skipped: { kind: ProfileKind; why: string }[];
  readonly removed: string[];
  readonly labelChanges: Record<string, string | null>;
}

function readState(file: string): BundleEntry[] {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as { installed?: BundleEntry[] };
    return Array.isArray(v.installed) ? v.installed : [];
  } catch {
    return [];
  }
}

const id = (e: BundleEntry) => `${e.kind}\0${e.name}`;

export async function reconcile(input: ReconcileInput): Promise<ReconcileResult> {
  const log = input.log ?? (() => {});
  const result: ReconcileResult = { verified: [], failed: [], skipped: [], removed: [], labelChanges: {} };
  const loaders = new Map<ProfileKind, ProfileLoader>();
  for (const l of input.loaders) {
    const why = await l.unavailable();
    if (why === undefined) loaders.set(l.kind, l);
    else result.skipped.push({ kind: l.kind, why });
  }
  const desired: Record<string, string> = {};
  const installed: BundleEntry[] = [];
  const wanted = new Set(input.index.profiles.map(id));
  // Profiles this agent put on the node that the bundle no longer has: their labels go first.
  const previous = readState(input.stateFile);
  const gone = previous.filter((e) => !wanted.has(id(e)));
  for (const entry of input.index.profiles) {
    const loader = loaders.get(entry.kind);
    if (!loader) continue;
    const file = path.join(input.profilesDir, entry.kind, entry.key);
    try {
      // A changed file (new digest) is installed again even where the old one still verifies by name.
      const before = previous.find((e) => id(e) === id(entry));
      if (before?.digest !== entry.digest || !(await loader.verify(entry))) await loader.install(entry, file);
      installed.push(entry);
      if (await loader.verify(entry)) {
        desired[entry.labelKey] = entry.labelValue;
        result.verified.push(entry.name);
      } else result.failed.push({ name: entry.name, kind: entry.kind, why: 'installed, but the node does not show it' });
    } catch (e) {
      result.failed.push({ name: entry.name, kind: entry.kind, why: (e as Error).message });
    }
  }
  const current = await input.labels.get();
  const changes: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(desired)) if (current[k] !== v) changes[k] = v;
  for (const k of Object.keys(current)) if (k.startsWith(LABEL_PREFIX) && !(k in desired)) changes[k] = null;
  if (Object.keys(changes).length) await input.labels.patch(changes);
  Object.assign(result.labelChanges, changes);
  // Only after the labels are off may the profiles go: a pod scheduled meanwhile still finds them.
  for (const entry of gone) {
    const loader = loaders.get(entry.kind);
    if (!loader) continue;
    try {
      await loader.remove(entry);
      result.removed.push(entry.name);
    } catch (e) {
      log(`cannot remove ${entry.kind} profile ${entry.name}: ${(e as Error).message}`);
      installed.push(entry); // try again next time
    }
  }
  fs.mkdirSync(path.dirname(input.stateFile), { recursive: true });
  writeFileAtomic(input.stateFile, `${JSON.stringify({ installed }, null, 2)}\n`);
  for (const f of result.failed) log(`${f.kind} profile ${f.name}: ${f.why}`);
  for (const s of result.skipped) log(`${s.kind}: skipped: ${s.why}`);
  return result;
}
