// The node labels the agent sets, one per profile: `profiles.podguard.dev/<kind>-<name>` with a
// short digest of the profile file as value. Label names are at most 63 characters of
// [A-Za-z0-9._-], beginning and ending alphanumeric (k8s.io/apimachinery
// pkg/util/validation IsQualifiedName); a profile name that does not fit is shortened and made
// unique with a hash of the full name. The agent, the bundle and the webhook all call this, so the
// key the webhook requires is the key the agent sets.

import crypto from 'node:crypto';
import type { ProfileKind } from './finding';
import { SECCOMP_SUBDIR } from './profile-set';

export const LABEL_PREFIX = 'profiles.podguard.dev/';
const MAX_NAME = 63;

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95;
}
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function profileLabelKey(kind: ProfileKind, name: string): string {
  // Every bundled seccomp profile lives below podguard/: the key leaves that out.
  const short = kind === 'seccomp' && name.startsWith(`${SECCOMP_SUBDIR}/`) ? name.slice(SECCOMP_SUBDIR.length + 1) : name;
  const wanted = `${kind}-${short}`;
  let clean = '';
  for (let i = 0; i < wanted.length; i++) clean += isNameChar(wanted.charCodeAt(i)) ? wanted[i] : '-';
  const exact = clean === wanted && clean.length <= MAX_NAME && isAlnum(clean.charCodeAt(clean.length - 1));
  if (exact) return LABEL_PREFIX + clean;
  const hash = crypto.createHash('sha256').update(`${kind}:${name}`).digest('hex').slice(0, 10);
  return `${LABEL_PREFIX}${clean.slice(0, MAX_NAME - hash.length - 1)}-${hash}`;
}

/** The label value: 12 hex digits of the profile file's sha256. */
export function profileLabelValue(digest: string): string {
  return digest.slice(0, 12);
}
