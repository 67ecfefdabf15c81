// Every Pod Security Standards level and version podguard must judge like upstream.

import type { Profile } from './psa-oracle';

export const NEWEST_MINOR = 37;

export const VERSIONS: readonly string[] = [...Array.from({ length: NEWEST_MINOR + 1 }, (_, i) => `v1.${i}`), 'latest'];

/** baseline and restricted at every version and latest (privileged allows everything: a few are added by the tests). */
export const PROFILES: readonly Profile[] = ['baseline', 'restricted'].flatMap((level) => VERSIONS.map((version) => ({ level, version })));

/** A namespace name per profile, so one podguard run can judge each pod at its own profile through per-namespace settings. */
export function profileNamespace(p: Profile): string {
  return `lv-${p.level}-${p.version.replace('.', '-')}`;
}

/** podguard.yaml with the standard only and one namespace entry per profile. */
export function profilesConfig(profiles: readonly Profile[]): string {
  const lines = ['preset: pss', 'namespaces:'];
  for (const p of profiles) lines.push(`  ${profileNamespace(p)}: { level: ${p.level}, version: ${p.version} }`);
  return lines.join('\n') + '\n';
}
