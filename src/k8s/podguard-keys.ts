// podguard's own label and annotation keys, in one domain. podguard 0.1 used two (podguard.io for
// namespace switches and the mutation record, podguard.dev for exceptions); podguard.dev is the
// one from now on, and the old podguard.io keys are still read for one release, with a warning.

export const PODGUARD_DOMAIN = 'podguard.dev';
/** Read until podguard 0.3; never written. */
export const LEGACY_PODGUARD_DOMAIN = 'podguard.io';

/** `podguard.dev/<name>`. */
export function podguardKey(name: string): string {
  return `${PODGUARD_DOMAIN}/${name}`;
}

/** The value under `podguard.dev/<name>`, else under the legacy `podguard.io/<name>`. */
export function podguardValue(map: Readonly<Record<string, string>>, name: string): { value?: string; legacyKey?: string } {
  const current = map[podguardKey(name)];
  if (current !== undefined) return { value: current };
  const legacyKey = `${LEGACY_PODGUARD_DOMAIN}/${name}`;
  const legacy = map[legacyKey];
  return legacy === undefined ? {} : { value: legacy, legacyKey };
}

/** One warning per legacy podguard.io key in `map` that podguard still honours. */
export function legacyKeyWarnings(map: Readonly<Record<string, string>>, names: readonly string[], what: string): string[] {
  const out: string[] = [];
  for (const name of names) {
    const { legacyKey } = podguardValue(map, name);
    if (legacyKey)
      out.push(`podguard: the ${what} ${legacyKey} is deprecated; use ${podguardKey(name)} (${LEGACY_PODGUARD_DOMAIN} keys are read until podguard 0.3)`);
  }
  return out;
}
