// The index a bundle carries (ConfigMap podguard-profiles-index, key index.json) and the agent
// reads: for each profile, its kind, the name pods use, the ConfigMap key holding the file, the
// file's digest and the node label that says it is loaded. The webhook's affinity and the
// inventory read the same index, so all three agree on names and label keys.

import fs from 'node:fs';
import path from 'node:path';
import type { ProfileKind } from './finding';
import { profileLabelKey, profileLabelValue } from './labels';
import type { ProvidedProfile } from './profile-set';

export const INDEX_FILE = 'index.json';
export const KINDS: readonly ProfileKind[] = ['seccomp', 'apparmor', 'selinux'];

export interface BundleEntry {
  readonly kind: ProfileKind;
  readonly name: string;
  /** The key in the kind's ConfigMap (and the file name where it is mounted). */
  readonly key: string;
  /** sha256 of the file, hex. */
  readonly digest: string;
  readonly labelKey: string;
  readonly labelValue: string;
}

export interface BundleIndex {
  readonly apiVersion: 'profiles.podguard.dev/v1';
  readonly profiles: readonly BundleEntry[];
}

/** A ConfigMap key (`[-._a-zA-Z0-9]+`, k8s.io/apimachinery IsConfigMapKey) for a file's relative path. */
function configMapKey(relative: string, taken: Set<string>): string {
  let key = '';
  for (const ch of relative) key += /[-._a-zA-Z0-9]/.test(ch) ? ch : '_';
  const base = key;
  for (let n = 2; taken.has(key); n++) key = `${n}-${base}`;
  taken.add(key);
  return key;
}

/** One entry per provided profile; an AppArmor file declaring several profiles is one key, several entries. */
export function bundleIndex(provided: readonly ProvidedProfile[]): { index: BundleIndex; files: { kind: ProfileKind; key: string; file: string }[] } {
  const taken = new Map<ProfileKind, Set<string>>(KINDS.map((k) => [k, new Set()]));
  const keyOfFile = new Map<string, string>();
  const files: { kind: ProfileKind; key: string; file: string }[] = [];
  const profiles: BundleEntry[] = [];
  for (const p of provided) {
    let key = keyOfFile.get(p.file);
    if (key === undefined) {
      key = configMapKey(p.relative.replace(/^(seccomp|apparmor|selinux)\//, ''), taken.get(p.kind)!);
      keyOfFile.set(p.file, key);
      files.push({ kind: p.kind, key, file: p.file });
    }
    profiles.push({ kind: p.kind, name: p.name, key, digest: p.digest, labelKey: profileLabelKey(p.kind, p.name), labelValue: profileLabelValue(p.digest) });
  }
  return { index: { apiVersion: 'profiles.podguard.dev/v1', profiles }, files };
}

export class BundleIndexError extends Error {}

/** Reads an index (a file, or a folder holding index.json), refusing anything malformed with one clear line. */
export function readBundleIndex(file: string): BundleIndex {
  const where = fs.statSync(file).isDirectory() ? path.join(file, INDEX_FILE) : file;
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(where, 'utf8'));
  } catch (e) {
    throw new BundleIndexError(`${where}: not a profiles index: ${(e as Error).message.split('\n')[0]}`);
  }
  const v = value as Partial<BundleIndex> | null;
  if (!v || v.apiVersion !== 'profiles.podguard.dev/v1' || !Array.isArray(v.profiles))
    throw new BundleIndexError(`${where}: not a profiles index (apiVersion profiles.podguard.dev/v1 with profiles)`);
  v.profiles.forEach((p: Partial<BundleEntry>, i) => {
    const ok =
      p &&
      KINDS.includes(p.kind as ProfileKind) &&
      typeof p.name === 'string' &&
      typeof p.key === 'string' &&
      /^[-._a-zA-Z0-9]+$/.test(p.key) &&
      typeof p.digest === 'string' &&
      typeof p.labelKey === 'string' &&
      typeof p.labelValue === 'string';
    if (!ok) throw new BundleIndexError(`${where}: profiles[${i}] needs kind (seccomp, apparmor, selinux), name, key, digest, labelKey and labelValue`);
    if (p.kind === 'seccomp' && (p.name!.startsWith('/') || p.name!.split('/').includes('..')))
      throw new BundleIndexError(`${where}: profiles[${i}]: a seccomp name is a descending path below the kubelet's seccomp folder`);
  });
  return v as BundleIndex;
}
