// sysctls, in CEL: src/pss/checks/sysctls.ts. Each version's allow-list is read off the check
// itself: of the newest list (SAFE_SYSCTLS), the names that version's function admits.
import { sysctls as check, SAFE_SYSCTLS } from '../../../pss/checks/sysctls';
import { strList } from '../cel';
import type { CelCheck } from '../generator';

function allowedBy(version: (typeof check.versions)[number]): string[] {
  return [...SAFE_SYSCTLS].filter((name) => version.check({}, { containers: [], securityContext: { sysctls: [{ name, value: '1' }] } }).allowed).sort();
}

function forbidding(allowed: readonly string[]): string {
  const names = `object.spec.?securityContext.?sysctls.orValue([]).filter(s, !(s.name in ${strList(allowed)})).map(s, s.name)`;
  return `(${names}.size() > 0 ? 'forbidden sysctls (' + ${names}.join(', ') + ')' : '')`;
}

export const sysctls: CelCheck = {
  id: 'sysctls',
  versions: check.versions.map((v) => ({ since: v.since, violation: forbidding(allowedBy(v)) })),
};
