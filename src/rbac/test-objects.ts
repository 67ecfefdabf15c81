// Builds RbacObjects from YAML text through the real source pipeline, for the tests beside the modules.

import { parseDocuments } from '../sources/parse-documents';
import { buildRbac, type LoadedRbac } from './load';
import { DEFAULT_POD_SECURITY_CONFIG, type PodSecurityConfig } from '../psa/pod-security-configuration';
import { RbacObjectReader } from './read-objects';

export function rbacFromYaml(text: string, file = 'rbac.yaml', podSecurity?: PodSecurityConfig): LoadedRbac {
  const parsed = parseDocuments(text, file);
  const reader = new RbacObjectReader();
  for (const o of parsed.objects) reader.add(o);
  const config = reader.podSecurity?.config ?? podSecurity ?? DEFAULT_POD_SECURITY_CONFIG;
  return buildRbac(reader.finish(), config, reader.podSecurity?.where ?? 'default', [...parsed.errors, ...reader.errors]);
}
