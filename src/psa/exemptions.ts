// Pod Security Admission's exemptions (PodSecurityConfiguration `exemptions`), one type for the
// webhook, the audit and the engine. Upstream: admission/admission.go exemptNamespace,
// exemptUser and exemptRuntimeClass: an empty name is never exempt.

export interface Exemptions {
  readonly usernames: ReadonlySet<string>;
  readonly namespaces: ReadonlySet<string>;
  readonly runtimeClasses: ReadonlySet<string>;
}

export const NO_EXEMPTIONS: Exemptions = Object.freeze({ usernames: new Set<string>(), namespaces: new Set<string>(), runtimeClasses: new Set<string>() });

/** Both sets of exemptions (podguard.yaml may add to the PodSecurityConfiguration's). */
export function mergeExemptions(a: Exemptions, b: Exemptions): Exemptions {
  return {
    usernames: new Set([...a.usernames, ...b.usernames]),
    namespaces: new Set([...a.namespaces, ...b.namespaces]),
    runtimeClasses: new Set([...a.runtimeClasses, ...b.runtimeClasses]),
  };
}

export function isExemptNamespace(e: Exemptions, namespace: string | undefined): boolean {
  return namespace !== undefined && namespace !== '' && e.namespaces.has(namespace);
}

export function isExemptUser(e: Exemptions, username: unknown): boolean {
  return typeof username === 'string' && username !== '' && e.usernames.has(username);
}

export function isExemptRuntimeClass(e: Exemptions, runtimeClass: unknown): boolean {
  return typeof runtimeClass === 'string' && runtimeClass !== '' && e.runtimeClasses.has(runtimeClass);
}
